// The browser host's token stays out of every command line and environment: the real CLI
// (a child process) opens the browser through a 0600 launch file and prints the token only
// when asked with --print-url.
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { TOKEN_PROTOCOL_PREFIX } from '../../electron/web/request-guard';
import { launchFilePath, launchPage } from '../../electron/web/launch-file';
import { startCliHost } from '../e2e/hosts';
import { webHostEntry } from '../support/bundle';

const TIMEOUT = 60_000;
let root: string;
let staticDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'qs-web-cli-'));
  staticDir = path.join(root, 'static');
  await mkdir(staticDir);
  await writeFile(path.join(staticDir, 'index.html'), '<!DOCTYPE html><title>stub</title>');
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The app address the launch page leads to (its meta refresh and its link agree). */
async function launchTarget(file: string): Promise<URL> {
  const html = await readFile(file, 'utf8');
  const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(html)?.[1];
  const link = /<a href="([^"]+)">/.exec(html)?.[1];
  expect(html).not.toMatch(/<script/i);
  expect(refresh).toBeDefined();
  expect(link).toBe(refresh);
  return new URL(refresh ?? '');
}

/** app:info over the WebSocket with this token: the token the launch file carries works. */
async function appInfoWith(port: number, token: string): Promise<unknown> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, [TOKEN_PROTOCOL_PREFIX + token], {
    origin: `http://127.0.0.1:${port}`,
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const answer = new Promise<unknown>((resolve) =>
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
  );
  socket.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'app:info', request: {} }));
  const result = await answer;
  socket.close();
  return result;
}

describe('web cli token handling', () => {
  it(
    'without --print-url: no token in cmdline, environ or output; the 0600 launch file leads to the app',
    async () => {
      const dataDir = path.join(root, 'quiet');
      const host = await startCliHost(dataDir, ['--static-dir', staticDir], { printUrl: false });
      const file = launchFilePath(dataDir, host.pid);
      try {
        const target = await launchTarget(file);
        const token = new URLSearchParams(target.hash.slice(1)).get('token') ?? '';
        expect(token).toMatch(/^[0-9a-f]{64}$/);
        expect(`${target.origin}/`).toBe(host.url);
        expect((await stat(file)).mode & 0o777).toBe(0o600);

        const cmdline = await readFile(`/proc/${host.pid}/cmdline`, 'utf8');
        const environ = await readFile(`/proc/${host.pid}/environ`, 'utf8');
        expect(cmdline).toContain(webHostEntry());
        expect(cmdline).not.toContain(token);
        expect(environ).not.toContain(token);

        const output = host.output.join('\n');
        expect(output).not.toContain(token);
        expect(output).not.toContain('QSTORAGE_WEB_URL=');
        expect(output).toContain(`QStorage Desktop is running at ${host.url}`);
        expect(output).toContain(`open ${pathToFileURL(file).href} in your browser`);
        expect(host.appUrl).toBe('');

        expect(await appInfoWith(host.port, token)).toMatchObject({ type: 'result', id: 7, result: { ok: true } });
      } finally {
        await host.stop();
      }
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    },
    TIMEOUT,
  );

  it(
    'with --print-url: the full address and QSTORAGE_WEB_URL= are printed, the same as in the launch file',
    async () => {
      const dataDir = path.join(root, 'loud');
      const host = await startCliHost(dataDir, ['--static-dir', staticDir]);
      try {
        expect(host.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
        expect(host.output).toContain(`QSTORAGE_WEB_URL=${host.appUrl}`);
        expect(host.output).toContain(`QStorage Desktop is running at ${host.appUrl}`);
        expect((await launchTarget(launchFilePath(dataDir, host.pid))).href).toBe(host.appUrl);
      } finally {
        await host.stop();
      }
    },
    TIMEOUT,
  );

  it(
    "the browser opener's argv holds the launch file's URL, never the token",
    async () => {
      const dataDir = path.join(root, 'opened');
      const bin = path.join(root, 'bin');
      const record = path.join(root, 'opener-argv.txt');
      await mkdir(bin, { recursive: true });
      const opener = path.join(bin, 'xdg-open');
      await writeFile(opener, `#!/bin/sh\nprintf '%s\\n' "$@" > "${record}.tmp" && mv "${record}.tmp" "${record}"\n`);
      await chmod(opener, 0o755);

      const host = await startCliHost(dataDir, ['--static-dir', staticDir], {
        open: true,
        env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
      });
      try {
        await expect.poll(() => readFile(record, 'utf8').catch(() => null), { timeout: 20_000 }).not.toBeNull();
        const argv = await readFile(record, 'utf8');
        expect(argv.trim().split('\n')).toEqual([pathToFileURL(launchFilePath(dataDir, host.pid)).href]);
        expect(argv).not.toContain(host.token);
        expect(argv).not.toContain('token');
      } finally {
        await host.stop();
      }
    },
    TIMEOUT,
  );

  it('the launch page escapes what it embeds', () => {
    expect(launchPage('http://127.0.0.1:1/#token=a"b<c>')).toContain(
      'url=http://127.0.0.1:1/#token=a&#34;b&#60;c&#62;"',
    );
  });
});
