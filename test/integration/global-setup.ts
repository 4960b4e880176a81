/**
 * vitest globalSetup for the integration project: brings up (or reuses) the real S3 server
 * and hands its connection info to the tests as `inject('s3')` (see s3-context.ts).
 */
import type { TestProject } from 'vitest/node';
import { serverInfo, startS3TestServer } from '../servers/s3-server';
import './s3-context';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startS3TestServer();
  if ('skipped' in server) {
    console.warn(`\nS3 integration tests will be skipped: ${server.skipped}\n`);
    project.provide('s3', { skipped: server.skipped });
    return async () => {};
  }
  console.log(`S3 test server (${server.kind}): ${server.endpoint} region ${server.region}`);
  project.provide('s3', serverInfo(server));
  return async () => {
    await server.stop();
  };
}
