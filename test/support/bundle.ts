/**
 * Which build of the app the end-to-end and security suites and the benchmarks run (as
 * Insomnia's BUNDLE): `BUNDLE=build` (the default) the bundles `npm run build` makes, as a user
 * runs them; `BUNDLE=dev` the TypeScript sources through tsx, while developing (no build).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type BundleMode = 'build' | 'dev';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What `npm run web` runs. */
export const WEB_BUNDLE = `${ROOT}out/web/cli.js`;
/** What `npm run web:dev` runs. */
export const WEB_DEV_ENTRY = `${ROOT}test/support/web-dev.ts`;

export function bundleMode(env: NodeJS.ProcessEnv = process.env): BundleMode {
  const mode = env.BUNDLE ?? 'build';
  if (mode !== 'build' && mode !== 'dev') throw new Error(`BUNDLE must be "build" or "dev", not "${mode}".`);
  return mode;
}

/** The script the browser host's node process runs: the bundle, or the source entry. */
export function webHostEntry(mode: BundleMode = bundleMode()): string {
  return mode === 'build' ? WEB_BUNDLE : WEB_DEV_ENTRY;
}

/** Throws, saying what to do, when the mode needs the bundle and it is not built. */
export function assertWebBundle(mode: BundleMode = bundleMode()): void {
  if (mode === 'build' && !existsSync(WEB_BUNDLE)) {
    throw new Error(`${WEB_BUNDLE} is missing: run "npm run build" first (or BUNDLE=dev to run the sources).`);
  }
}

/** Node's arguments for the browser host, before the CLI's own. */
export function webHostNodeArgs(mode: BundleMode = bundleMode()): string[] {
  assertWebBundle(mode);
  return mode === 'build' ? [WEB_BUNDLE] : ['--import', 'tsx', WEB_DEV_ENTRY];
}
