/**
 * The local sandbox: an in-memory S3 emulator (fauxqs 1.9.2) on 127.0.0.1, seeded with sample
 * buckets, so people can try the app without an account. It has no auth (any key works) and
 * refuses single PUTs above ~11 MiB with 413 (its body limit): larger uploads must be multipart.
 * fauxqs' own startFauxqs() binds 0.0.0.0, so its app is built and bound to loopback here.
 */
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AccountRecord, AccountStore } from './account-store';
import { buildClient } from './s3-client';
import { sandboxSeed } from './sandbox-seed';

/** Fixed keys: fauxqs checks none, and the same account keeps working across restarts. */
export const SANDBOX_CREDENTIALS = {
  accessKeyId: 'QSSANDBOXACCESSKEY01',
  secretAccessKey: 'sandbox-secret-not-checked-by-the-emulator',
} as const;
export const SANDBOX_NAME = 'Local sandbox';
const SANDBOX_REGION = 'us-east-1';

export interface RunningSandbox {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts fauxqs on 127.0.0.1 (a free port) and seeds it. */
export async function startSandboxServer(): Promise<RunningSandbox> {
  // Loaded on demand: fauxqs brings Fastify and the SQS/SNS clients, not needed until now.
  const { buildApp } = await import('fauxqs');
  const app = buildApp({ logger: false, defaultRegion: SANDBOX_REGION });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await seed(endpoint);
  } catch (error) {
    await app.close();
    throw error;
  }
  return { endpoint, port, stop: () => app.close() };
}

async function seed(endpoint: string): Promise<void> {
  const client = buildClient(
    {
      kind: 'sandbox',
      endpoint,
      region: SANDBOX_REGION,
      addressingStyle: 'path',
      checksumMode: 'when_required',
      ...SANDBOX_CREDENTIALS,
    },
    { pathStyle: true },
  );
  try {
    for (const bucket of sandboxSeed()) {
      await client.send(new CreateBucketCommand({ Bucket: bucket.name }));
      await Promise.all(
        bucket.objects.map((o) =>
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

/** Makes sure exactly one sandbox account exists and points at the running server. */
export async function ensureSandboxAccount(store: AccountStore, endpoint: string): Promise<AccountRecord> {
  const existing = (await store.list()).filter((a) => a.kind === 'sandbox');
  const [keep, ...extra] = existing;
  for (const a of extra) await store.remove(a.id);
  if (!keep) {
    return store.create({
      kind: 'sandbox',
      name: SANDBOX_NAME,
      endpoint,
      region: SANDBOX_REGION,
      addressingStyle: 'path',
      checksumMode: 'when_required',
      ...SANDBOX_CREDENTIALS,
    });
  }
  const wanted = {
    endpoint,
    region: SANDBOX_REGION,
    addressingStyle: 'path',
    accessKeyId: SANDBOX_CREDENTIALS.accessKeyId,
  } as const;
  const stale =
    Object.entries(wanted).some(([k, v]) => keep[k as keyof typeof wanted] !== v) || !(await store.hasSecret(keep.id));
  return stale ? store.update(keep.id, { ...wanted, secretAccessKey: SANDBOX_CREDENTIALS.secretAccessKey }) : keep;
}
