/** The app:info and operations:cancel channels. */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OperationRegistry } from '../operations';
import type { Handlers } from '../router';
import type { SecretVault } from '../secret-vault';

export interface AppDeps {
  info: { host: 'electron' | 'web'; version: string };
  vault: Pick<SecretVault, 'kind' | 'warning'>;
  operations: OperationRegistry;
}

/** Where downloads go by default: ~/Downloads when it exists, else the home folder. */
function defaultDownloadsDir(): string {
  const downloads = path.join(os.homedir(), 'Downloads');
  return existsSync(downloads) ? downloads : os.homedir();
}

export function appHandlers({ info, vault, operations }: AppDeps): Pick<Handlers, 'app:info' | 'operations:cancel'> {
  return {
    'app:info': async () => ({
      host: info.host,
      version: info.version,
      platform: process.platform,
      downloadsDir: defaultDownloadsDir(),
      secretStorage: { kind: vault.kind, warning: vault.warning },
    }),
    'operations:cancel': async ({ operationId }) => {
      operations.cancel(operationId);
      return null;
    },
  };
}
