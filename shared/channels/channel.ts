/**
 * How a channel is declared: its request schema (zod, parsed by the router before anything
 * runs), its response type, the capability an account needs for it, and for a storage
 * operation the provider method the router calls. One entry per channel, in its domain's file.
 */
import type { z } from 'zod';
import type { Capability } from '../capabilities';

declare const RESPONSE: unique symbol;

/** A channel's response type, carried in the type system only. */
export interface Returns<T> {
  readonly [RESPONSE]: T;
}

export const returns = <T>(): Returns<T> => ({}) as Returns<T>;

export interface ChannelSpec {
  readonly request: z.ZodType;
  readonly response: Returns<unknown>;
  /** Refused with NotSupported, before any handler runs, for an account that lacks it. */
  readonly capability?: Capability;
  /** A storage operation: the router calls this method of the account's provider. */
  readonly method?: string;
}

/** Keeps the entry's literal types (capability, method) for the types derived from the table. */
export const channel = <const S extends ChannelSpec>(spec: S): S => spec;
