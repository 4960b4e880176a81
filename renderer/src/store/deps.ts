/** What a store is built from: the host's API and the effects and clocks it may use. */
import type { Result } from '../../../shared/errors';
import type { HostApi } from '../api/host-api';

export interface StoreDeps {
  api: HostApi;
  effects: {
    /** Hands a download link to the browser (a temporary <a download>). */
    startDownload(url: string): void;
    /** Browser host: streams a dropped file's bytes to its one-time stage path (PUT, same origin). */
    putStagedFile(stagePath: string, file: Blob, signal?: AbortSignal): Promise<Result<null>>;
    /** Desktop notifications; absent (or not permitted) means the store shows a toast instead. */
    notify?: DesktopNotifier;
  };
  /** Small non-secret preferences (theme, last account id). */
  prefs?: { get(key: string): string | null; set(key: string, value: string): void };
  newOperationId?: () => string;
  /** Clock for the speed graph's samples (tests pass their own). */
  now?: () => number;
}

/** The deps as slices see them: the optional seams filled in once per store. */
export type SliceDeps = StoreDeps & { newOperationId: () => string; now: () => number };

export interface DesktopNotifier {
  /** Asks for permission once the person starts a transfer (browsers want a user gesture nearby). */
  requestPermission(): void;
  /** Shows a notification; false when not permitted or unavailable. */
  show(title: string, body: string): boolean;
}

/** A fresh id maker per store: crypto.randomUUID where the page is a secure context, else a counter of its own. */
export function operationIds(): () => string {
  let fallback = 0;
  return () => globalThis.crypto?.randomUUID?.() ?? `op-${Date.now().toString(36)}-${(fallback++).toString(36)}`;
}
