import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface CliOptions {
  port: number;
  dataDir: string;
  sandbox: boolean;
  open: boolean;
  /** Print the address with its token (and the QSTORAGE_WEB_URL= line). */
  printUrl: boolean;
  staticDir: string;
}

export const USAGE = `Usage: qstorage-web [--port N] [--data-dir DIR] [--sandbox] [--no-open] [--print-url]

  --port N        listen on 127.0.0.1:N (default: a random free port)
  --data-dir DIR  accounts and encrypted secrets (default: $XDG_DATA_HOME/qstorage-desktop)
  --static-dir D  the built renderer (default: out/renderer of this checkout)
  --sandbox       start the local sandbox at once, so there are buckets to browse
  --no-open       do not open a browser
  --print-url     also print the address with its access token, and QSTORAGE_WEB_URL=<it>

The browser is opened on DIR/qstorage-web-<pid>-open.html (readable by you only, removed on
exit), which leads to the app with its token: the token never appears in a command line.
When ready, the last line printed is QSTORAGE_WEB_READY=http://127.0.0.1:PORT/ (no token).`;

/**
 * out/renderer of this checkout, wherever the command is run from: the bundle (out/web/) and the
 * sources (electron/web/) both lie two levels below the root.
 */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** `$XDG_DATA_HOME/qstorage-desktop`, else `~/.local/share/qstorage-desktop`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const xdg = env.XDG_DATA_HOME;
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'share');
  return path.join(base, 'qstorage-desktop');
}

/** Throws an Error with a person-readable message on bad arguments. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      'print-url': { type: 'boolean', default: false },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port ?? ''}".`);
  }
  const dataDir = values['data-dir'];
  if (dataDir === '') throw new Error('--data-dir must not be empty.');
  return {
    port,
    dataDir: path.resolve(dataDir ?? defaultDataDir(env)),
    staticDir: values['static-dir'] === undefined ? DEFAULT_STATIC_DIR : path.resolve(values['static-dir']),
    sandbox: values.sandbox,
    open: !values['no-open'],
    printUrl: values['print-url'],
  };
}
