/**
 * The app's settings in dataDir/settings.json (written atomically). Values are checked against
 * the same ranges as settings:update; a bad or unknown field in the file falls back to its
 * default instead of making the app unusable.
 */
import path from 'node:path';
import type { AppSettings } from '../../shared/contract';
import { requestSchemas } from '../../shared/contract';
import { type TransferSettingsPatch } from '../../shared/schemas';
import { DEFAULT_TRANSFER_SETTINGS, type TransferSettings } from '../../shared/transfers';
import { readTextIfExists, writeFileAtomic } from './atomic-file';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsStore {
  get(): AppSettings;
  /** Validated by the router already; applies, persists, and tells the listeners. */
  update(patch: { transfers: TransferSettingsPatch }): Promise<AppSettings>;
  onChange(listener: (settings: AppSettings) => void): () => void;
}

/** The valid fields of what the file holds, field by field. */
function validTransferFields(raw: unknown): TransferSettingsPatch {
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(DEFAULT_TRANSFER_SETTINGS, key)) continue;
    const parsed = requestSchemas['settings:update'].safeParse({ transfers: { [key]: value } });
    if (parsed.success) Object.assign(out, parsed.data.transfers);
  }
  return out as TransferSettingsPatch;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const merge = (base: TransferSettings, patch: TransferSettingsPatch): TransferSettings => {
  const next = { ...base };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) Object.assign(next, { [k]: v });
  return next;
};

export async function createSettingsStore(dataDir: string): Promise<SettingsStore> {
  const file = path.join(dataDir, SETTINGS_FILE);
  const text = await readTextIfExists(file).catch(() => null); // unreadable: defaults, rewritten on update
  const raw = parseJson(text);
  const stored = typeof raw === 'object' && raw !== null ? (raw as { transfers?: unknown }).transfers : undefined;
  let current: AppSettings = { transfers: merge(DEFAULT_TRANSFER_SETTINGS, validTransferFields(stored)) };
  const listeners = new Set<(settings: AppSettings) => void>();
  let writes: Promise<unknown> = Promise.resolve();

  return {
    get: () => ({ transfers: { ...current.transfers } }),
    async update(patch) {
      current = { transfers: merge(current.transfers, patch.transfers) };
      const snapshot = `${JSON.stringify({ version: 1, ...current }, null, 2)}\n`;
      // Writes one after another, so the file ends with the last update.
      const write = writes.then(() => writeFileAtomic(file, snapshot));
      writes = write.catch(() => {});
      for (const listener of [...listeners]) listener(current);
      await write;
      return { transfers: { ...current.transfers } };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
