import type { EventName } from '../../shared/contract';
import type { Core } from '../core/create-core';

/** The part of the core the browser host needs (tests hand it a small stand-in). */
export type HostedCore = Pick<Core, 'invoke' | 'onEvent' | 'openObjectStream' | 'receiveStagedUpload'>;

/** Every event the core emits; `satisfies` makes a new EventMap entry a compile error here. */
const EVENTS = { 'operations:progress': true, 'transfers:progress': true } as const satisfies Record<EventName, true>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
