/**
 * How a slice is made, without knowing the root state: a slice gets a `patch` for its own part
 * and a `get` that shows the state as it sees it (itself under its key, plus the narrow part of
 * other slices it reads, `Reads`). The store checks at composition that the real state has
 * that part, so no slice imports the root state type.
 */
import type { SliceDeps } from './deps';

/** Merges a partial into one slice (slices are nested objects). */
export type Patch<T> = (change: Partial<T> | ((slice: T) => Partial<T>)) => void;

export type StoreSlice<K extends string, T, Reads = unknown> = (
  patch: Patch<T>,
  get: () => { readonly [P in K]: T } & Reads,
  deps: SliceDeps,
) => T;
