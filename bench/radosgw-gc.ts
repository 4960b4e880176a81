/**
 * radosgw's garbage collection, run by the transfer and sync benchmarks between rounds. radosgw frees the
 * RADOS objects of deleted (multipart) objects only when its GC runs, about hourly, so repeated
 * runs that upload and delete many GiB fill the test cluster's 32 GiB OSD (issue-12 profile §0).
 * `gc process --include-all` frees them now; bluestore's allocated bytes before and after prove it.
 */
import { join } from 'node:path';
import { radosgwDir, type S3TestServer } from '../test/servers/s3-server';
import { runCommand } from './peers';

/** The gateway's name in the cluster's ceph.conf (RGW_NAME in test/servers/radosgw.sh). */
const RGW_NAME = 'client.rgw.qs';

export interface GcResult {
  allocatedBeforeGiB: number;
  allocatedAfterGiB: number;
  seconds: number;
}

/** Bytes bluestore has allocated on the OSD, from its admin socket (current, not a periodic report). */
async function osdAllocatedGiB(dir: string): Promise<number> {
  const socket = join(dir, 'run', 'ceph-osd.0.asok');
  const out = await runCommand('timeout', ['60', 'ceph', '--admin-daemon', socket, 'perf', 'dump', 'bluestore'], {
    PATH: process.env.PATH,
  });
  const allocated = (JSON.parse(out) as { bluestore?: { bluestore_allocated?: number } }).bluestore
    ?.bluestore_allocated;
  if (allocated === undefined) throw new Error('the OSD reported no bluestore_allocated');
  return allocated / 1024 ** 3;
}

/** Collects radosgw's garbage now (null for an external server, which runs its own). */
export async function collectGarbage(server: S3TestServer): Promise<GcResult | null> {
  if (server.kind !== 'radosgw') return null;
  const dir = radosgwDir();
  const started = process.hrtime.bigint();
  const allocatedBeforeGiB = await osdAllocatedGiB(dir);
  await runCommand(
    'timeout',
    ['600', 'radosgw-admin', '-c', join(dir, 'ceph.conf'), '-n', RGW_NAME, 'gc', 'process', '--include-all'],
    { PATH: process.env.PATH },
  );
  const allocatedAfterGiB = await osdAllocatedGiB(dir);
  return { allocatedBeforeGiB, allocatedAfterGiB, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Runs the GC and says what it freed (nothing when the server is not a radosgw of ours). */
export async function collectGarbageAndSay(server: S3TestServer, when: string): Promise<void> {
  const freed = await collectGarbage(server);
  if (freed === null) return;
  console.log(
    `radosgw GC ${when}: OSD allocated ${freed.allocatedBeforeGiB.toFixed(2)} GiB → ` +
      `${freed.allocatedAfterGiB.toFixed(2)} GiB (${freed.seconds.toFixed(1)} s)`,
  );
}
