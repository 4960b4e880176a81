/**
 * Open and edit in place. In the desktop app the core downloads the object into its private
 * cache and opens it with the system's application; while a file is edited, its saves go back
 * to the bucket (the sessions shown here, kept current by the core's 'edits:changed' event).
 * The browser app cannot hand files to other applications: Open offers the download instead.
 */
import type { EditResolution, EditSession } from '../../../shared/channels/edits';
import type { Result } from '../../../shared/errors';
import { baseName } from '../../../shared/keys';
import type { AppInfo } from '../../../shared/models';
import { i18n } from '../i18n';
import type { ObjectsSlice } from './objects-slice';
import type { StoreSlice } from './slice';
import type { TransfersSlice } from './transfers-slice';
import type { Notifier } from './ui-slice';

export interface EditsSlice {
  /** Every edit session, as the core last reported them. */
  sessions: EditSession[];
  /** Opens the file in its application (desktop), or offers its download (browser). */
  open(key: string): Promise<void>;
  /** Opens the file and uploads every save of it back (desktop only). */
  edit(key: string): Promise<void>;
  resolve(sessionId: string, choice: EditResolution): Promise<void>;
  stop(sessionId: string): Promise<void>;
  /** Loads the sessions and follows the core's changes to them; returns the unsubscribe. */
  subscribe(): () => void;
}

type Reads = {
  objects: Pick<ObjectsSlice, 'location' | 'download'>;
  transfers: Pick<TransfersSlice, 'togglePanel'>;
  ui: Notifier & { info: AppInfo | null };
};

const t = (key: string, options: Record<string, unknown> = {}): string => i18n.t(`edit:${key}`, options);

/** Whether this app can open files in other applications (only the desktop app can). */
export const canOpenWithSystem = (info: AppInfo | null): boolean => info?.host === 'electron';

export const createEditsSlice: StoreSlice<'edits', EditsSlice, Reads> = (patch, get, deps) => {
  const { api } = deps;

  /** The object `key` in the folder shown, or null (with a toast) when none is. */
  function objectOf(key: string): { accountId: string; bucket: string; key: string } | null {
    const location = get().objects.location;
    if (location === null) return null;
    return { accountId: location.accountId, bucket: location.bucket, key };
  }

  function report(result: Result<unknown>, key: string, context: 'openFailed' | 'editFailed'): void {
    if (!result.ok) get().ui.notifyError(result.error, t(context, { name: baseName(key) }));
  }

  return {
    sessions: [],

    async open(key) {
      if (!canOpenWithSystem(get().ui.info)) {
        get().ui.notify('info', t('browserDownloads'));
        await get().objects.download(key);
        return;
      }
      const object = objectOf(key);
      if (object === null) return;
      report(await api.invoke('edits:open', object), key, 'openFailed');
    },

    async edit(key) {
      if (!canOpenWithSystem(get().ui.info)) {
        get().ui.notify('info', t('browserCannotEdit'));
        return;
      }
      const object = objectOf(key);
      if (object === null) return;
      report(await api.invoke('edits:start', object), key, 'editFailed');
    },

    async resolve(sessionId, choice) {
      const result = await api.invoke('edits:resolve', { sessionId, choice });
      if (!result.ok) get().ui.notifyError(result.error, t('resolveFailed'));
    },

    async stop(sessionId) {
      const result = await api.invoke('edits:stop', { sessionId });
      if (!result.ok) get().ui.notifyError(result.error, t('stopFailed'));
    },

    subscribe() {
      const off = api.subscribe('edits:changed', ({ sessions, kept = [] }) => {
        const before = new Map(get().edits.sessions.map((s) => [s.id, s.state]));
        patch({ sessions });
        // A stopped session's changes that never reached the server stay in its copy: say where.
        for (const copy of kept) get().ui.notify('info', t('keptToast', { name: baseName(copy.key), file: copy.file }));
        // A save that waits for an answer: say so, and show where the answer is given.
        const conflict = sessions.find((s) => s.state === 'conflict' && before.get(s.id) !== 'conflict');
        if (conflict === undefined) return;
        get().ui.notify('info', t('conflictToast', { name: baseName(conflict.key) }));
        get().transfers.togglePanel(true);
      });
      void api.invoke('edits:list', {}).then((result) => {
        if (result.ok) patch({ sessions: result.value.sessions });
      });
      return off;
    },
  };
};
