/**
 * The browser host's program (cli.ts is its bundle entry): the app in a browser tab. Builds the
 * core with the AES-GCM key-file vault,
 * serves it on 127.0.0.1, writes the launch file that leads to it (token in the fragment)
 * and opens the browser on that file. Prints the address without the token and, last, a
 * machine-readable `QSTORAGE_WEB_READY=` line; the address with its token only with --print-url.
 */
import { rmSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore } from '../core/create-core';
import { createKeyFileVault } from '../core/key-file-vault';
import type { WorkerEntry } from '../core/transfers/worker-pool';
import { USAGE, parseCliArgs, type CliOptions } from './cli-args';
import { createDownloadLinks } from './download-links';
import { writeLaunchFile } from './launch-file';
import { openBrowser } from './open-browser';
import { startWebHost } from './server';
import { readVersion } from './version';

async function main(options: CliOptions, workerEntry: WorkerEntry): Promise<void> {
  await assertBuilt(options.staticDir);
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const links = createDownloadLinks();
  const core = await createCore({
    dataDir: options.dataDir,
    vault: await createKeyFileVault(options.dataDir),
    workerEntry,
    host: { createDownloadLink: (source) => links.create(source) },
    info: { host: 'web', version: await readVersion() },
  });
  const web = await startWebHost({ core, port: options.port, staticDir: options.staticDir, links });
  const launchFile = await writeLaunchFile(options.dataDir, web.appUrl);
  process.on('exit', () => rmSync(launchFile, { force: true }));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130); // a second Ctrl+C means now
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void Promise.allSettled([web.close(), core.dispose()]).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  if (options.sandbox) {
    const sandbox = await core.openSandbox();
    console.log(`Local sandbox ready: account "${sandbox.name}" at ${sandbox.endpoint}`);
  }
  const launchUrl = pathToFileURL(launchFile).href;
  console.log(`Data directory: ${options.dataDir}`);
  if (options.printUrl) {
    console.log(`QStorage Desktop is running at ${web.appUrl}`);
    console.log(`QSTORAGE_WEB_URL=${web.appUrl}`);
  } else {
    console.log(`QStorage Desktop is running at ${web.url}`);
    console.log(`To open it, open ${launchUrl} in your browser (or start again with --print-url).`);
  }
  console.log(`QSTORAGE_WEB_READY=${web.url}`);
  if (options.open) openBrowser(launchUrl);
}

async function assertBuilt(staticDir: string): Promise<void> {
  try {
    await stat(path.join(staticDir, 'index.html'));
  } catch {
    throw new Error(`${staticDir}/index.html is missing: build the app first with "npm run build".`);
  }
}

/** Parses `argv` and runs the host until a signal stops it; exits on bad arguments or a failed start. */
export function runCli(argv: string[], workerEntry: WorkerEntry): void {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  main(options, workerEntry).catch((error: unknown) => {
    console.error(`QStorage Desktop could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
