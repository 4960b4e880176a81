// The browser host's staged-upload route (PUT /upload/<stageId>) against a stand-in core.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fail } from '../../shared/errors';
import { CoreError } from '../../electron/core/errors';
import { createStaging, type Staging } from '../../electron/core/transfers/staging';
import type { HostedCore } from '../../electron/web/hosted-core';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { refusalFor } from '../../electron/web/upload-route';

/** The browser host's part of a core, with the core's real staging store behind it. */
class StageCore implements HostedCore {
  readonly calls: string[] = [];
  constructor(readonly staging: Staging) {}

  async invoke() {
    return fail('InvalidRequest', 'not used');
  }
  onEvent() {
    return () => undefined;
  }
  async openObjectStream(): Promise<never> {
    throw new Error('not used');
  }
  async answerPreview(): Promise<never> {
    throw new Error('not used');
  }

  async receiveStagedUpload(stageId: string, body: Readable): Promise<void> {
    this.calls.push(stageId);
    await this.staging.receive(stageId, body);
  }
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function put(
  web: WebHost,
  rawPath: string,
  body: Buffer,
  init: { origin?: string | null; host?: string; method?: string } = {},
): Promise<Answer> {
  const origin = init.origin === undefined ? `http://127.0.0.1:${web.port}` : init.origin;
  const headers: Record<string, string | number> = {
    Host: init.host ?? `127.0.0.1:${web.port}`,
    'Content-Length': body.length,
  };
  if (origin !== null) headers.Origin = origin;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: web.port, path: rawPath, method: init.method ?? 'PUT', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    // A refusal may close the connection before the whole body went out.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)));
    req.end(body);
  });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let staticDir: string;
beforeAll(async () => {
  staticDir = await mkdtemp(path.join(os.tmpdir(), 'qs-upload-route-'));
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>QStorage</title>');
});
afterAll(async () => {
  await rm(staticDir, { recursive: true, force: true });
});

describe('PUT /upload/<stageId>', () => {
  let core: StageCore;
  let web: WebHost;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qs-upload-stage-'));
    core = new StageCore(createStaging(dataDir));
    web = await startWebHost({ core, port: 0, staticDir });
  });
  afterEach(async () => {
    await web.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const staged = (jobId: string) => readFile(core.staging.fileFor(jobId));

  it('streams the exact bytes into the core and answers 204', async () => {
    const body = randomBytes(3 * 1024 * 1024 + 17);
    const stage = core.staging.register('job-1', body.length);
    const answer = await put(web, `/upload/${stage}`, body);
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    expect(core.calls).toEqual([stage]);
    expect(sha256(await staged('job-1'))).toBe(sha256(body));
  });

  it('accepts an empty file', async () => {
    const stage = core.staging.register('job-0', 0);
    expect((await put(web, `/upload/${stage}`, Buffer.alloc(0))).status).toBe(204);
    expect((await staged('job-0')).length).toBe(0);
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['our host on another port as Origin', { origin: 'http://127.0.0.1:1' }],
    ['no Origin', { origin: null }],
  ] as const)('refuses %s with 403 without touching the core', async (_name, init) => {
    const stage = core.staging.register('job-1', 4);
    const answer = await put(web, `/upload/${stage}`, Buffer.from('evil'), init);
    expect(answer.status).toBe(403);
    expect(core.calls).toEqual([]);
    // The stage is still there for the real page.
    expect((await put(web, `/upload/${stage}`, Buffer.from('good'))).status).toBe(204);
  });

  it('refuses a foreign Host (DNS rebinding) with 403', async () => {
    const stage = core.staging.register('job-1', 4);
    const answer = await put(web, `/upload/${stage}`, Buffer.from('evil'), { host: 'evil.example' });
    expect(answer.status).toBe(403);
    expect(core.calls).toEqual([]);
  });

  it('answers an unknown or already used stage id with 404 and the core message', async () => {
    const unknown = await put(web, `/upload/${'c'.repeat(32)}`, Buffer.from('data'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatch(/not valid/);
    const stage = core.staging.register('job-1', 4);
    expect((await put(web, `/upload/${stage}`, Buffer.from('once'))).status).toBe(204);
    expect((await put(web, `/upload/${stage}`, Buffer.from('evil'))).status).toBe(404);
    expect((await staged('job-1')).toString()).toBe('once');
  });

  it.each([['/upload/'], ['/upload/not-a-stage'], [`/upload/${'A'.repeat(32)}`], [`/upload/${'a'.repeat(32)}/x`]])(
    'answers the malformed stage path %s with 404 without asking the core',
    async (rawPath) => {
      const answer = await put(web, rawPath, Buffer.from('data'));
      expect(answer.status).toBe(404);
      expect(core.calls).toEqual([]);
    },
  );

  it.each([['GET'], ['POST'], ['OPTIONS']])('allows only PUT: %s gets 405', async (method) => {
    const stage = core.staging.register('job-1', 0);
    const answer = await put(web, `/upload/${stage}`, Buffer.alloc(0), { method });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('PUT');
    expect(core.calls).toEqual([]);
  });

  it('answers a body longer than the file with 413 and a shorter one with 400; the stage stays usable', async () => {
    const stage = core.staging.register('job-1', 4);
    expect((await put(web, `/upload/${stage}`, Buffer.from('12345'))).status).toBe(413);
    const short = await put(web, `/upload/${stage}`, Buffer.from('12'));
    expect(short.status).toBe(400);
    expect(short.body).toMatch(/send the file again/);
    expect((await put(web, `/upload/${stage}`, Buffer.from('1234'))).status).toBe(204);
    expect((await staged('job-1')).toString()).toBe('1234');
  });
});

describe('refusalFor', () => {
  it('keeps the text of unexpected errors on the server side', () => {
    expect(refusalFor(new Error('EACCES: /home/someone/secret/path'))).toEqual({
      status: 500,
      text: 'The file could not be stored for upload.',
    });
  });

  it('reports local I/O trouble as 500 with the core message', () => {
    expect(refusalFor(new CoreError('LocalIOError', 'The disk is full.'))).toEqual({
      status: 500,
      text: 'The disk is full.',
    });
  });
});
