/**
 * The attacks of issue 10, each tried against the running browser host (the CLI in a child
 * process) and a real radosgw, as someone holding the host's token would: each must get its
 * specific refusal, and no secret, token or signature made with a stored secret may reach a
 * listener on another port.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResultMessage } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { AccountSummary, BatchSummary } from '../../shared/models';
import { createAccountStore } from '../../electron/core/account-store';
import { createKeyFileVault } from '../../electron/core/key-file-vault';
import { SANDBOX_ACCESS_KEY_ID } from '../../electron/core/sandbox';
import { MAX_IN_FLIGHT, MAX_MESSAGE_BYTES } from '../../electron/web/ws-api';
import { S3Seed } from '../e2e/s3-seed';
import { s3OrSkip, s3Title } from '../integration/s3-context';
import { quickSyncAccountInput } from '../servers/quicksync-target';
import { startQuickSyncTestServer, type QuickSyncTestServer } from '../servers/quicksync-server';
import {
  sendJsonAnswer,
  startRecordingServer,
  type RecordedRequest,
  type RecordingServer,
} from '../servers/recording-server';
import { testAccountInput } from '../servers/s3-target';
import { webHostEntry, webHostNodeArgs } from '../support/bundle';
import { finishedJobs, noteSecret, startSecurityHost, sweepTest, type SecurityHost } from './harness';
import { isSignedWith, signRequest } from './sigv4-check';
import { WsClient } from './ws-client';

const s3 = s3OrSkip();

/** The refusal, with its code and a message matching `message`. */
function expectRefusal(result: Result<unknown>, code: string, message: RegExp): void {
  expect(result).toMatchObject({ ok: false, error: { code } });
  if (!result.ok) expect(result.error.message).toMatch(message);
}

describe.skipIf(!s3)(s3Title('attacks on the browser host'), () => {
  let host: SecurityHost;
  let seed: S3Seed;
  let listener: RecordingServer;
  let qs: QuickSyncTestServer;
  let s3Account: AccountSummary;
  let qsAccount: AccountSummary;
  let bucket: string;
  let outside: string;

  /** Every secret that must never reach the listener. */
  const secrets = (): string[] => [s3!.secretAccessKey, qs.token, host.token];

  /** Nothing the listener got carries a secret's bytes or a signature made with the stored S3 secret. */
  function expectNoSecretAt(requests: readonly RecordedRequest[]): void {
    for (const req of requests) {
      const seen = Buffer.concat([Buffer.from(JSON.stringify([req.method, req.url, req.headers])), req.body]);
      for (const secret of secrets()) expect(seen.includes(secret), `a secret reached ${req.url}`).toBe(false);
      expect(isSignedWith(req, s3!.secretAccessKey), 'a request signed with the stored secret').toBe(false);
    }
  }

  beforeAll(async () => {
    host = await startSecurityHost('attacks');
    await noteSecret('radosgw secret key', s3!.secretAccessKey);
    seed = new S3Seed(s3!);
    bucket = await seed.bucket(seed.uniqueName('sec-attacks'), { 'hello.txt': 'hello' });
    listener = await startRecordingServer();
    qs = await startQuickSyncTestServer();
    await noteSecret('QuickSync session token', qs.token);
    outside = await mkdtemp(path.join(os.tmpdir(), 'qs-security-outside-'));
    const settings = await host.invoke('settings:update', { transfers: { maxAttempts: 1 } });
    expect(settings.ok).toBe(true);
    const created = await host.invoke<AccountSummary>('accounts:create', {
      account: testAccountInput(s3!, 'radosgw'),
    });
    const createdQs = await host.invoke<AccountSummary>('accounts:create', {
      account: { ...quickSyncAccountInput(qs, 'QuickSync'), endpoint: qs.directApiBase },
    });
    if (!created.ok || !createdQs.ok) throw new Error('the accounts could not be created');
    s3Account = created.value;
    qsAccount = createdQs.value;
  });

  afterAll(async () => {
    await host?.stop();
    // Normally gone after the sweep test; also when that test was filtered out.
    if (host) await rm(host.dataDir, { recursive: true, force: true });
    await listener?.close();
    await qs?.stop();
    await seed?.cleanup();
    if (outside) await rm(outside, { recursive: true, force: true });
  });

  /** Puts an account back as created if an attack did change it (so one failure does not cascade). */
  afterEach(async () => {
    if (!host.client.isOpen) return;
    const list = await host.invoke<AccountSummary[]>('accounts:list', {});
    if (!list.ok) return;
    for (const [wanted, secret] of [
      [s3Account, s3!.secretAccessKey],
      [qsAccount, qs.token],
    ] as const) {
      const now = list.value.find((a) => a.id === wanted.id);
      if (!now) continue;
      const fields = ['kind', 'endpoint', 'addressingStyle'] as const;
      const patch = Object.fromEntries(fields.filter((f) => now[f] !== wanted[f]).map((f) => [f, wanted[f]]));
      if (Object.keys(patch).length > 0)
        await host.invoke('accounts:update', { id: wanted.id, patch: { ...patch, secretAccessKey: secret } });
    }
  });

  describe('a stored secret stays with its origin', () => {
    for (const channel of ['accounts:test', 'accounts:update'] as const) {
      it(`${channel}: a new endpoint without the secret is refused and nothing reaches it`, async () => {
        const before = listener.requests.length;
        const result = await host.invoke(channel, { id: s3Account.id, patch: { endpoint: listener.origin } });
        expectRefusal(result, 'SecretRequired', /endpoint/i);
        expect(listener.requests.length).toBe(before);
        expectNoSecretAt(listener.requests);
      });

      it(`${channel}: the kind of an account never changes`, async () => {
        const result = await host.invoke(channel, { id: s3Account.id, patch: { kind: 'quicksync' } });
        expectRefusal(result, 'InvalidRequest', /kind/i);
      });

      it(`${channel}: a new kind and endpoint together send the S3 secret nowhere`, async () => {
        const before = listener.requests.length;
        const result = await host.invoke(channel, {
          id: s3Account.id,
          patch: { kind: 'quicksync', endpoint: `${listener.origin}/v1` },
        });
        expect(result).toMatchObject({ ok: false });
        if (!result.ok) expect(['InvalidRequest', 'SecretRequired']).toContain(result.error.code);
        expect(listener.requests.length).toBe(before);
        expectNoSecretAt(listener.requests);
      });

      it(`${channel}: a new addressing style or access key id needs the secret again`, async () => {
        const style = await host.invoke(channel, { id: s3Account.id, patch: { addressingStyle: 'virtual' } });
        expectRefusal(style, 'SecretRequired', /secret/i);
        const keyId = await host.invoke(channel, { id: s3Account.id, patch: { accessKeyId: 'AKIAATTACKER0000' } });
        expectRefusal(keyId, 'SecretRequired', /secret/i);
      });

      it(`${channel}: a QuickSync account's new API base without the token is refused`, async () => {
        const before = listener.requests.length;
        const result = await host.invoke(channel, { id: qsAccount.id, patch: { endpoint: `${listener.origin}/v1` } });
        expectRefusal(result, 'SecretRequired', /endpoint|API/i);
        expect(listener.requests.length).toBe(before);
        expectNoSecretAt(listener.requests);
      });
    }

    it('the stored accounts still point where they did and still work', async () => {
      const list = await host.invoke<AccountSummary[]>('accounts:list', {});
      expect(list.ok).toBe(true);
      if (!list.ok) return;
      expect(list.value.find((a) => a.id === s3Account.id)?.endpoint).toBe(s3Account.endpoint);
      expect(list.value.find((a) => a.id === qsAccount.id)?.endpoint).toBe(qsAccount.endpoint);
      expect(await host.invoke('objects:list', { accountId: s3Account.id, bucket, prefix: '' })).toMatchObject({
        ok: true,
      });
      expect(await host.invoke('quicksync:list', { accountId: qsAccount.id })).toMatchObject({ ok: true });
    });

    it('a test with the secret given again reaches the new endpoint with that secret, not the stored one', async () => {
      const before = listener.requests.length;
      const fresh = `fresh-secret-${randomBytes(8).toString('hex')}`;
      const result = await host.invoke('accounts:test', {
        id: s3Account.id,
        patch: { endpoint: listener.origin, secretAccessKey: fresh },
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'AccessDenied' } });
      const reached = listener.requests.slice(before);
      expect(reached.length).toBeGreaterThan(0);
      for (const req of reached) expect(isSignedWith(req, fresh), 'signed with the secret given').toBe(true);
      expectNoSecretAt(listener.requests);
    });

    it('an http:// QuickSync API base off this machine is refused (the token would travel in clear)', async () => {
      const base = 'http://files.example.com/v1';
      const created = await host.invoke<AccountSummary>('accounts:create', {
        account: { ...quickSyncAccountInput(qs, 'Clear text'), endpoint: base },
      });
      if (created.ok) await host.invoke('accounts:remove', { id: created.value.id });
      expectRefusal(created, 'InvalidRequest', /http/i);
      const updated = await host.invoke('accounts:update', {
        id: qsAccount.id,
        patch: { endpoint: base, secretAccessKey: qs.token },
      });
      expectRefusal(updated, 'InvalidRequest', /http/i);
    });

    it('account summaries carry a key hint, never the access key id or session id', async () => {
      const list = await host.invoke<AccountSummary[]>('accounts:list', {});
      expect(list.ok).toBe(true);
      if (!list.ok) return;
      expect(list.value.length).toBeGreaterThanOrEqual(2);
      for (const summary of list.value) {
        expect(summary.keyHint).toEqual(expect.any(String));
        expect(summary).not.toHaveProperty('accessKeyId');
      }
      const lastAnswer = host.client.frames.at(-1) ?? '';
      expect(lastAnswer).not.toContain(s3!.accessKeyId);
      expect(lastAnswer).not.toContain(qs.sessionId);
    });
  });

  describe('QuickSync file keys are checked before any request', () => {
    const requestCount = (): number => Object.values(qs.server.stats.requests).reduce((a, b) => a + b, 0);

    it.each(['.', '..', 'a/b', 'a\\b'])('%j is refused with InvalidKey', async (fileKey) => {
      const before = requestCount();
      const details = await host.invoke('quicksync:details', { accountId: qsAccount.id, fileKey });
      expectRefusal(details, 'InvalidKey', /key|name/i);
      const removed = await host.invoke<BatchSummary>('quicksync:delete', {
        accountId: qsAccount.id,
        fileKeys: [fileKey],
        operationId: `qs-delete-${randomBytes(4).toString('hex')}`,
      });
      // Refused whole, or each key reported as refused: either way nothing was deleted.
      if (removed.ok) {
        expect(removed.value).toMatchObject({ succeeded: 0, failed: [{ key: fileKey, code: 'InvalidKey' }] });
      } else {
        expectRefusal(removed, 'InvalidKey', /key|name/i);
      }
      expect(requestCount()).toBe(before);
    });
  });

  describe('QuickSync download links to another loopback host are not followed', () => {
    let api: RecordingServer;
    let linkHost: RecordingServer;
    let altLoopback: RecordingServer;
    let link = '';
    let apiAccount: AccountSummary;
    const file = { fileKey: 'f1', fileName: 'a.txt', completed: true, totalParts: 1, originalSizeInBytes: 5 };

    beforeAll(async () => {
      linkHost = await startRecordingServer('127.0.0.1');
      altLoopback = await startRecordingServer('127.0.0.2');
      for (const server of [linkHost, altLoopback]) {
        server.respond = (_req, res) => {
          res.writeHead(200, { 'content-length': 5 });
          res.end('hello');
        };
      }
      api = await startRecordingServer();
      api.respond = (req, res) => {
        if (req.url === '/v1/buckets') return sendJsonAnswer(res, 200, [file]);
        if (req.url === '/v1/buckets/file/f1') return sendJsonAnswer(res, 200, file);
        if (req.url === '/v1/buckets/download/f1') return sendJsonAnswer(res, 200, { url: link });
        return sendJsonAnswer(res, 404, { title: 'Not Found', status: 404 });
      };
      const token = `hostile-api-token-${randomBytes(8).toString('hex')}`;
      const created = await host.invoke<AccountSummary>('accounts:create', {
        account: { ...quickSyncAccountInput({ apiBase: `${api.origin}/v1`, token, sessionId: 'sess' }, 'Links') },
      });
      if (!created.ok) throw new Error(created.error.message);
      apiAccount = created.value;
    });

    afterAll(async () => {
      await Promise.all([api?.close(), linkHost?.close(), altLoopback?.close()]);
    });

    it.each([
      ['127.0.0.2', () => `${altLoopback.origin}/d/secret-link`, () => altLoopback],
      ['localhost', () => `http://localhost:${linkHost.port}/d/secret-link`, () => linkHost],
    ])('a link to %s is refused and nothing is fetched there', async (_name, makeLink, target) => {
      link = makeLink();
      const dir = path.join(outside, `qs-link-${randomBytes(3).toString('hex')}`);
      const batchId = `qs-link-${randomBytes(4).toString('hex')}`;
      const started = await host.invoke('transfers:download', {
        accountId: apiAccount.id,
        bucket: 'files',
        basePrefix: '',
        keys: ['f1'],
        targetDir: dir,
        batchId,
        conflict: 'overwrite',
      });
      expect(started).toMatchObject({ ok: true });
      const jobs = await finishedJobs(host, batchId);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.state).toBe('failed');
      expect(['ServerError', 'AccessDenied']).toContain(jobs[0]?.error?.code);
      expect(jobs[0]?.error?.message).toMatch(/link|address|host/i);
      expect(target().requests).toEqual([]);
      expect(existsSync(path.join(dir, 'a.txt'))).toBe(false);
    });
  });

  describe('download folders', () => {
    const download = (targetDir: string, keys = ['hello.txt']): Promise<Result<unknown>> =>
      host.invoke('transfers:download', {
        accountId: s3Account.id,
        bucket,
        basePrefix: '',
        keys,
        targetDir,
        batchId: `dl-${randomBytes(4).toString('hex')}`,
        conflict: 'overwrite',
      });

    it('the data folder itself is refused', async () => {
      expectRefusal(await download(host.dataDir), 'AccessDenied', /data folder/i);
      expect(existsSync(path.join(host.dataDir, 'hello.txt'))).toBe(false);
    });

    it('a folder still to be made inside the data folder is refused and not made', async () => {
      const target = path.join(host.dataDir, 'not-yet', 'deeper');
      expectRefusal(await download(target), 'AccessDenied', /data folder/i);
      expect(existsSync(path.join(host.dataDir, 'not-yet'))).toBe(false);
    });

    it('a symbolic link into the data folder is refused, and so is a new folder behind it', async () => {
      const link = path.join(outside, `to-data-${randomBytes(3).toString('hex')}`);
      await symlink(host.dataDir, link);
      expectRefusal(await download(link), 'AccessDenied', /data folder/i);
      expectRefusal(await download(path.join(link, 'made-through-link')), 'AccessDenied', /data folder/i);
      expect(existsSync(path.join(host.dataDir, 'made-through-link'))).toBe(false);
      expect(existsSync(path.join(host.dataDir, 'hello.txt'))).toBe(false);
    });

    it('names Windows reserves, however spelled, are skipped with InvalidKey on every system', async () => {
      const reserved = ['con .txt', 'NUL  .log', 'lpt²', 'CONIN$', 'CONOUT$', 'COM¹'];
      const names = await seed.bucket(seed.uniqueName('sec-reserved'), {
        ...Object.fromEntries(reserved.map((k) => [k, 'device'])),
        'fine.txt': 'fine',
      });
      const dir = path.join(outside, 'reserved');
      const batchId = `reserved-${randomBytes(4).toString('hex')}`;
      const started = await host.invoke('transfers:download', {
        accountId: s3Account.id,
        bucket: names,
        basePrefix: '',
        keys: [...reserved, 'fine.txt'],
        targetDir: dir,
        batchId,
        conflict: 'overwrite',
      });
      expect(started).toMatchObject({ ok: true });
      const jobs = await finishedJobs(host, batchId);
      for (const key of reserved) {
        const job = jobs.find((j) => j.key === key);
        expect(job, key).toMatchObject({ state: 'skipped', error: { code: 'InvalidKey' } });
        expect(job?.error?.message).toMatch(/Windows reserves/);
      }
      expect(jobs.find((j) => j.key === 'fine.txt')?.state).toBe('done');
      expect(await readdir(dir)).toEqual(['fine.txt']);
    });
  });

  it('the browser host refuses a local path as an upload source', async () => {
    const file = path.join(outside, 'upload-me.txt');
    await writeFile(file, 'not for upload');
    const batchId = `path-${randomBytes(4).toString('hex')}`;
    const result = await host.invoke('transfers:upload', {
      accountId: s3Account.id,
      bucket,
      prefix: '',
      batchId,
      conflict: 'overwrite',
      sources: [{ kind: 'path', path: file }],
    });
    expectRefusal(result, 'AccessDenied', /cannot name files on this computer/);
    const page = await host.invoke<{ jobs: { batchId: string }[] }>('transfers:list', { filter: 'all' });
    expect(page.ok && page.value.jobs.filter((j) => j.batchId === batchId)).toEqual([]);
    expect(await seed.keys(bucket)).toEqual(['hello.txt']);
  });

  describe('WebSocket limits', () => {
    it('an unknown channel name of 1 MB is refused with a short message', async () => {
      const result = await host.invoke(`x${'y'.repeat(1024 * 1024)}`, {});
      expectRefusal(result, 'InvalidRequest', /unknown channel/i);
      if (!result.ok) expect(result.error.message.length).toBeLessThan(300);
    });

    it('requests beyond the in-flight cap are answered Throttled', async () => {
      const slow = await startRecordingServer();
      let release = (): void => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      slow.respond = async (_req, res) => {
        await released;
        sendJsonAnswer(res, 401, { title: 'Unauthorized', status: 401 });
      };
      const client = await host.connect();
      try {
        const draft = {
          ...quickSyncAccountInput({ apiBase: `${slow.origin}/v1`, token: 't', sessionId: 's' }, 'Slow'),
        };
        const total = MAX_IN_FLIGHT * 4;
        const answers = Array.from({ length: total }, () => client.invoke('accounts:test', { account: draft }));
        const throttled = (m: ResultMessage): boolean => !m.result.ok && m.result.error.code === 'Throttled';
        const first = await client.nextResultWhere(throttled);
        if (!first.result.ok) expect(first.result.error.message).toMatch(/requests are running/);
        // The listener holds the cap's requests until every other one has been refused.
        await client.waitForResults(throttled, total - MAX_IN_FLIGHT);
        await slow.waitForRequests(MAX_IN_FLIGHT);
        release();
        const all = await Promise.all(answers);
        const codes = all.map((r) => (r.ok ? 'ok' : r.error.code));
        expect(codes.filter((c) => c === 'Throttled')).toHaveLength(total - MAX_IN_FLIGHT);
        expect(codes.filter((c) => c === 'SessionExpired')).toHaveLength(MAX_IN_FLIGHT);
      } finally {
        release();
        await client.close();
        await slow.close();
      }
    });

    it('a message over the maximum size closes that socket with 1009; other clients are still served', async () => {
      const client = await host.connect();
      await client.sendInFragments(MAX_MESSAGE_BYTES + 1);
      expect((await client.closed).code).toBe(1009);
      const other = await host.connect();
      expect(await other.invoke('app:info', {})).toMatchObject({ ok: true });
      expect(await host.invoke('app:info', {})).toMatchObject({ ok: true });
    });
  });

  describe("the sandbox's S3 server answers only its own, signed requests", () => {
    let endpoint: URL;
    let sandboxId: string;
    let secret: string;

    beforeAll(async () => {
      const opened = await host.invoke<AccountSummary>('sandbox:open', {});
      if (!opened.ok) throw new Error(opened.error.message);
      endpoint = new URL(opened.value.endpoint);
      sandboxId = opened.value.id;
      // The sandbox's random secret, read from the data folder's vault as the core would.
      secret = await createAccountStore(host.dataDir, await createKeyFileVault(host.dataDir)).readSecret(sandboxId);
      await noteSecret('sandbox secret', secret);
    });

    /** A PUT of `key` into the seeded "documents" bucket, as raw HTTP. */
    function put(key: string, headers: Record<string, string>, sign: string | null): Promise<number> {
      const body = Buffer.from('attack');
      const url = `/documents/${key}`;
      const all = { host: endpoint.host, 'content-length': String(body.length), ...headers };
      const signed =
        sign === null
          ? all
          : signRequest(
              { method: 'PUT', url, headers: all, body },
              { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: sign, region: 'us-east-1' },
            );
      return new Promise((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: endpoint.port, method: 'PUT', path: url, headers: signed },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    }

    it('refuses a foreign Host, an Origin, no signature and a wrong secret with 403, and changes nothing', async () => {
      expect(await put('attack-host.txt', { host: `rebound.example:${endpoint.port}` }, secret)).toBe(403);
      expect(await put('attack-origin.txt', { origin: 'http://evil.example' }, secret)).toBe(403);
      expect(await put('attack-unsigned.txt', {}, null)).toBe(403);
      expect(await put('attack-wrong-secret.txt', {}, 'not-the-sandbox-secret')).toBe(403);
      // The same request, properly made, works: the refusals above are the guards, not a broken test.
      expect(await put('control.txt', {}, secret)).toBe(200);
      const listed = await host.invoke<{ items: { key: string }[] }>('objects:list', {
        accountId: sandboxId,
        bucket: 'documents',
        prefix: '',
      });
      expect(listed.ok).toBe(true);
      const keys = listed.ok ? listed.value.items.map((i) => i.key) : [];
      expect(keys).toContain('control.txt');
      expect(keys.filter((k) => k.startsWith('attack-'))).toEqual([]);
    });
  });

  it('HTTP answers of the host (page, API, foreign Host, a download link) carry no token', async () => {
    const page = await host.request('/');
    expect(page.status).toBe(200);
    expect(page.body.toString('utf8')).toMatch(/<html/i);
    expect((await host.request('/api')).status).toBe(426);
    expect((await host.request('/', { headers: { host: `rebound.example:${host.port}` } })).status).toBe(403);
    const link = await host.invoke<{ kind: string; url: string }>('objects:download', {
      accountId: s3Account.id,
      bucket,
      key: 'hello.txt',
    });
    expect(link).toMatchObject({ ok: true, value: { kind: 'link' } });
    if (!link.ok) return;
    const file = await host.request(new URL(link.value.url, `http://127.0.0.1:${host.port}`).pathname);
    expect(file).toMatchObject({ status: 200, body: Buffer.from('hello') });
    // The one-time link is spent.
    expect((await host.request(new URL(link.value.url, 'http://x').pathname)).status).toBe(404);
  });

  describe('the browser host token', () => {
    it("is in neither the host process's command line nor its environment", async () => {
      const cmdline = await readFile(`/proc/${host.pid}/cmdline`);
      const environ = await readFile(`/proc/${host.pid}/environ`);
      expect(cmdline.toString('utf8')).toContain(webHostEntry());
      expect(cmdline.includes(host.token)).toBe(false);
      expect(environ.includes(host.token)).toBe(false);
    });

    it('is not printed without --print-url, and the launcher file in the data folder is private', async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-security-quiet-'));
      const child = spawn(process.execPath, [...webHostNodeArgs(), '--data-dir', dataDir, '--port', '0', '--no-open'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, FORCE_COLOR: '0' },
      });
      const output: string[] = [];
      child.stderr.setEncoding('utf8').on('data', (d: string) => output.push(d));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        const port = await new Promise<number>((resolve, reject) => {
          createInterface({ input: child.stdout }).on('line', (line) => {
            output.push(line);
            const m = /running at http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
            if (m) resolve(Number(m[1]));
          });
          void exited.then(() => reject(new Error(`the host exited:\n${output.join('\n')}`)));
        });
        const text = output.join('\n');
        expect(text).not.toMatch(/[0-9a-f]{64}/);
        expect(text).not.toContain('token=');
        const launchers: string[] = [];
        for (const name of await readdir(dataDir)) {
          const full = path.join(dataDir, name);
          if (!(await stat(full)).isFile()) continue;
          if (/[0-9a-f]{64}/.test(await readFile(full, 'utf8'))) launchers.push(full);
        }
        expect(launchers).toHaveLength(1);
        const launcher = launchers[0]!;
        expect((await stat(launcher)).mode & 0o777).toBe(0o600);
        const token = /[0-9a-f]{64}/.exec(await readFile(launcher, 'utf8'))![0];
        // The file's token opens the app: it is the real one, and it was printed nowhere.
        const client = await WsClient.open(port, token);
        expect(await client.invoke('app:info', {})).toMatchObject({ ok: true });
        await client.close();
      } finally {
        child.kill('SIGTERM');
        await exited;
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });

  sweepTest(() => host);
});
