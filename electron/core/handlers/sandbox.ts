/** The local sandbox: started once (concurrent callers share the start), its account kept current. */
import type { AccountSummary } from '../../../shared/models';
import type { AccountStore } from '../account-store';
import { ensureSandboxAccount, sandboxKey, startSandboxServer, type RunningSandbox } from '../sandbox';

export interface SandboxLauncher {
  open(): Promise<AccountSummary>;
  stop(): Promise<void>;
}

export function createSandboxLauncher(store: AccountStore, invalidate: (accountId: string) => void): SandboxLauncher {
  let server: Promise<RunningSandbox> | null = null;
  return {
    async open() {
      server ??= sandboxKey(store).then(startSandboxServer);
      let running: RunningSandbox;
      try {
        running = await server;
      } catch (error) {
        server = null; // let a later call try again
        throw error;
      }
      const account = await ensureSandboxAccount(store, running);
      invalidate(account.id);
      return store.summary(account);
    },
    async stop() {
      const current = server;
      server = null;
      if (current) await (await current.catch(() => null))?.stop();
    },
  };
}
