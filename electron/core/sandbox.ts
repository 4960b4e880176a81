/**
 * The local sandbox: an in-memory S3 emulator (fauxqs 1.9.2) on 127.0.0.1, seeded with sample
 * buckets, so people can try the app without an account. fauxqs checks no credentials, so a
 * door in front of it (sandbox-auth.ts) answers only requests addressed to its own loopback
 * host, from no web page, signed with this data folder's sandbox key: its secret is random,
 * made when the sandbox account is created and kept in the vault like any account's secret.
 * fauxqs refuses single PUTs above ~11 MiB with 413 (its body limit): larger uploads must be
 * multipart. Its own startFauxqs() binds 0.0.0.0, so its app is built and bound to loopback here.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRecord, AccountStore } from './account-store';
import { buildClient } from './providers/s3/client';
import { sandboxRefusal, type SandboxKey } from './sandbox-auth';
import { readSandboxSamples } from './sandbox-samples';
import { sandboxSeed } from './sandbox-seed';

/** Fixed, so the account's key id stays the same across restarts; the secret is what guards. */
export const SANDBOX_ACCESS_KEY_ID = 'QSSANDBOXACCESSKEY01';
/** The secret every sandbox had before it was random: public, so never used again. */
const PUBLIC_SECRET = 'sandbox-secret-not-checked-by-the-emulator';
export const SANDBOX_NAME = 'Local sandbox';
const SANDBOX_REGION = 'us-east-1';

export interface RunningSandbox {
  endpoint: string;
  port: number;
  key: SandboxKey;
  stop(): Promise<void>;
}

/** The sandbox account's key as stored, or a new random one when there is none (or only the old public one). */
export async function sandboxKey(store: AccountStore): Promise<SandboxKey> {
  const account = (await store.list()).find((a) => a.kind === 'sandbox');
  const stored = account && (await store.hasSecret(account.id)) ? await store.readSecret(account.id) : null;
  const secretAccessKey = stored !== null && stored !== PUBLIC_SECRET ? stored : randomBytes(30).toString('base64url');
  return { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey };
}

/** A 403 the S3 SDK reads as AccessDenied. */
function accessDenied(message: string, resource: string): string {
  const text = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${text(message)}</Message><Resource>${text(resource)}</Resource></Error>\n`;
}

/** Starts fauxqs on 127.0.0.1 (a free port) behind its door, and seeds it. */
export async function startSandboxServer(key: SandboxKey): Promise<RunningSandbox> {
  // Loaded on demand: fauxqs brings Fastify and the SQS/SNS clients, not needed until now.
  const { buildApp } = await import('fauxqs');
  const app = buildApp({ logger: false, defaultRegion: SANDBOX_REGION });
  // Its own Host values, known once it listens (no request is answered before).
  let ownHosts: string[] = [];
  // Typed by hand: buildApp's intersection type defeats addHook's overloads.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.raw;
    const refusal = await sandboxRefusal(
      { method: raw.method ?? 'GET', url: raw.url ?? '/', headers: raw.headers },
      ownHosts,
      key,
    );
    if (refusal !== null) {
      return reply
        .code(403)
        .type('application/xml')
        .send(accessDenied(refusal, (raw.url ?? '/').split('?')[0] ?? '/'));
    }
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  ownHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await seed(endpoint, key);
  } catch (error) {
    await app.close();
    throw error;
  }
  return { endpoint, port, key, stop: () => app.close() };
}

async function seed(endpoint: string, key: SandboxKey): Promise<void> {
  const client = buildClient(
    {
      kind: 'sandbox',
      endpoint,
      region: SANDBOX_REGION,
      addressingStyle: 'path',
      checksumMode: 'when_required',
      ...key,
    },
    { pathStyle: true },
  );
  try {
    const samples = await readSandboxSamples();
    for (const bucket of sandboxSeed()) {
      await client.send(new CreateBucketCommand({ Bucket: bucket.name }));
      await Promise.all(
        [...bucket.objects, ...(samples.get(bucket.name) ?? [])].map((o) =>
          client.send(
            new PutObjectCommand({ Bucket: bucket.name, Key: o.key, Body: o.body, ContentType: o.contentType }),
          ),
        ),
      );
    }
  } finally {
    client.destroy();
  }
}

/** Makes sure exactly one sandbox account exists and points at the running server with its key. */
export async function ensureSandboxAccount(store: AccountStore, sandbox: RunningSandbox): Promise<AccountRecord> {
  const existing = (await store.list()).filter((a) => a.kind === 'sandbox');
  const [keep, ...extra] = existing;
  for (const a of extra) await store.remove(a.id);
  if (!keep) {
    return store.create({
      kind: 'sandbox',
      name: SANDBOX_NAME,
      endpoint: sandbox.endpoint,
      region: SANDBOX_REGION,
      addressingStyle: 'path',
      checksumMode: 'when_required',
      ...sandbox.key,
    });
  }
  const wanted = {
    endpoint: sandbox.endpoint,
    region: SANDBOX_REGION,
    addressingStyle: 'path',
    accessKeyId: sandbox.key.accessKeyId,
  } as const;
  const stale =
    Object.entries(wanted).some(([k, v]) => keep[k as keyof typeof wanted] !== v) ||
    !(await store.hasSecret(keep.id)) ||
    (await store.readSecret(keep.id)) !== sandbox.key.secretAccessKey;
  return stale ? store.update(keep.id, { ...wanted, secretAccessKey: sandbox.key.secretAccessKey }) : keep;
}
