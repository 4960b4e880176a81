/**
 * What the two hosts carry the contract over, named once: the Electron IPC channels (main
 * process and preload) and the core's events (forwarded by both hosts). Plain constants only:
 * the sandboxed preload bundles this file.
 */
import type { EventName } from './contract';

/** The page's one request channel: `(channel, request) → Result`. */
export const INVOKE_CHANNEL = 'qstorage:invoke';
/** The core's events to the page: `{ event, payload }`. */
export const EVENT_CHANNEL = 'qstorage:event';
/** Fire-and-forget: the page asks for a native drag of objects out of the window. */
export const START_DRAG_CHANNEL = 'qstorage:start-drag';
/** The preload asks for a handle to a dropped or picked file's path. */
export const PATH_HANDLE_CHANNEL = 'qstorage:path-handle';
/** The page asks for a native context menu; the answer is the chosen item's id, or null. */
export const CONTEXT_MENU_CHANNEL = 'qstorage:context-menu';
/** Fire-and-forget: the page sends the main process's own words in the UI language. */
export const NATIVE_STRINGS_CHANNEL = 'qstorage:native-strings';

/** Every event the core emits; `satisfies` makes a new EventMap entry a compile error here. */
const EVENTS = {
  'operations:progress': true,
  'transfers:progress': true,
  'edits:changed': true,
  'sync:changed': true,
} as const satisfies Record<EventName, true>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
