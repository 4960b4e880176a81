/**
 * Playwright globalSetup: checks the app is built (unless BUNDLE=dev runs the sources) and
 * brings up (or reuses) the real S3 server. Without one, tests that need it skip with the
 * reason; under CI that throws.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serverInfo, startS3TestServer } from '../servers/s3-server';
import { assertWebBundle, bundleMode } from '../support/bundle';
import { writeS3Env } from './s3-env';

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Both modes serve the built renderer; the build mode also runs the bundled host.
  const index = path.resolve('out', 'renderer', 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run "npm run build" first.`);
  assertWebBundle();
  console.log(`Browser host: ${bundleMode() === 'build' ? 'the bundle (out/web/cli.js)' : 'the sources (BUNDLE=dev)'}`);

  const server = await startS3TestServer();
  if ('skipped' in server) {
    console.warn(`\nEnd-to-end tests that need S3 will be skipped: ${server.skipped}\n`);
    writeS3Env(server);
    return async () => {};
  }
  console.log(`S3 test server (${server.kind}): ${server.endpoint}`);
  writeS3Env(serverInfo(server));
  return async () => {
    await server.stop();
  };
}
