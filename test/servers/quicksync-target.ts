/** The QuickSync test server as an app account (see quicksync-server.ts for the server). */
import type { AccountInput } from '../../shared/schemas';
import type { QuickSyncTestServer } from './quicksync-server';

/**
 * An account on the server's validated API base with its live session. Region, addressing style
 * and checksums do not apply to QuickSync: they carry the form's defaults.
 */
export function quickSyncAccountInput(
  qs: Pick<QuickSyncTestServer, 'apiBase' | 'token' | 'sessionId'>,
  name: string,
  options: { encryptNames?: boolean } = {},
): AccountInput {
  return {
    kind: 'quicksync',
    name,
    endpoint: qs.apiBase,
    region: '',
    accessKeyId: qs.sessionId,
    secretAccessKey: qs.token,
    addressingStyle: 'virtual',
    checksumMode: 'when_required',
    encryptNames: options.encryptNames ?? false,
  };
}
