/**
 * The one typed contract between the renderer and the core: every channel's table entry
 * (channels/*.ts: request schema, response type, capability, provider method) merged into
 * CHANNELS; the router, the hosts and the renderer's typed `invoke` all derive from it.
 */
import type { z } from 'zod';
import { accountChannels } from './channels/accounts';
import { appChannels } from './channels/app';
import { bucketChannels } from './channels/buckets';
import type { Returns } from './channels/channel';
import type { NativeMenu } from './context-menu';
import type { NativeStrings } from './native-strings';
import { editChannels, type EditSessions } from './channels/edits';
import { multipartChannels } from './channels/multipart';
import { objectChannels } from './channels/objects';
import { propertyChannels } from './channels/properties';
import { quickSyncChannels } from './channels/quicksync';
import { settingsChannels } from './channels/settings';
import { syncChannels } from './channels/sync';
import { thumbnailChannels } from './channels/thumbnails';
import { transferChannels } from './channels/transfers';
import type { Result } from './errors';
import type { OperationProgress } from './models';
import type { SyncState } from './sync';
import type { TransfersSnapshot } from './transfers';

export const CHANNELS = {
  ...appChannels,
  ...accountChannels,
  ...bucketChannels,
  ...objectChannels,
  ...propertyChannels,
  ...quickSyncChannels,
  ...transferChannels,
  ...settingsChannels,
  ...thumbnailChannels,
  ...multipartChannels,
  ...editChannels,
  ...syncChannels,
};

export type Channels = typeof CHANNELS;
export type Channel = keyof Channels;
/** What a caller sends (defaulted fields may be left out). */
export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>;
/** What a handler or provider method gets: the request after its schema, defaults filled in. */
export type ParsedRequestOf<C extends Channel> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends Channel> = Channels[C]['response'] extends Returns<infer T> ? T : never;

/** The request schema of every channel (tests, and hosts that check a request shape early). */
export const requestSchemas = Object.fromEntries(
  Object.entries(CHANNELS).map(([channel, spec]) => [channel, spec.request]),
) as { readonly [C in Channel]: Channels[C]['request'] };

export interface EventMap {
  'operations:progress': OperationProgress;
  'transfers:progress': TransfersSnapshot;
  'edits:changed': EditSessions;
  'sync:changed': SyncState;
}
export type EventName = keyof EventMap;

/** The single object the renderer gets from its host (preload bridge or WebSocket client). */
export interface AppApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /**
   * Electron only: an unguessable handle the host minted for a dropped or picked File's local
   * path (with `folder`: for the picked folder the File lies in), or null when it has none. The
   * page names local files only by such handles (upload source `{ kind: 'handle' }`); the
   * browser host has neither paths nor handles: its renderer streams the bytes to a stage path.
   */
  handleForFile?(file: unknown, options?: { folder?: boolean }): Promise<string | null>;
  /** Electron only: drag these objects out of the window to the file manager (webContents.startDrag). */
  startDrag?(request: { accountId: string; bucket: string; keys: string[] }): void;
  /** Electron only: shows this context menu natively; resolves with the chosen item's id, or null. */
  showContextMenu?(menu: NativeMenu): Promise<string | null>;
  /** Electron only: the main process's own words (app menu, folder dialog) in the UI language. */
  setNativeStrings?(strings: NativeStrings): void;
}

/** Wire format shared by both transports. */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  channel: string;
  request: unknown;
}
export interface ResultMessage {
  type: 'result';
  id: number;
  result: Result<unknown>;
}
export interface EventMessage {
  type: 'event';
  event: EventName;
  payload: unknown;
}

// Compile-time guard: a channel the router guards or dispatches by account names the account.
type Unaddressed = {
  [C in Channel]: Channels[C] extends { method: string } | { capability: string }
    ? ParsedRequestOf<C> extends { accountId: string }
      ? never
      : C
    : never;
}[Channel];
export const contractIsComplete: [Unaddressed] extends [never] ? true : never = true;

export type { AppSettings } from './channels/settings';
