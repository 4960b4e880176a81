/**
 * Browser-held uploads: the browser host's renderer cannot give paths, so each file's bytes
 * arrive by PUT to a one-time stage path and are stored in dataDir/staging/<jobId> before the
 * job may run. A stage id is 32 random hex characters, valid until its bytes arrived complete.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../atomic-file';
import { CoreError } from '../errors';

export const STAGE_PATH_PREFIX = '/upload/';
const STAGE_ID = /^[0-9a-f]{32}$/;

export interface Staging {
  readonly dir: string;
  fileFor(jobId: string): string;
  /** A new stage id for the job's `size` bytes. */
  register(jobId: string, size: number): string;
  /**
   * Stores exactly the announced bytes; returns the job id. Throws InvalidRequest for an unknown
   * or busy id and when the byte count differs (the id stays valid for another try).
   */
  receive(stageId: string, body: Readable): Promise<string>;
  /** Forgets the job's stage id and removes its staged bytes. */
  discard(jobId: string): Promise<void>;
  /** Removes staged files no job wants (after a restart). */
  sweep(keep: (jobId: string) => boolean): Promise<void>;
}

export function createStaging(dataDir: string): Staging {
  const dir = path.join(dataDir, 'staging');
  const stages = new Map<string, { jobId: string; size: number; busy: boolean }>();
  const byJob = new Map<string, string>();
  const fileFor = (jobId: string): string => path.join(dir, jobId);

  return {
    dir,
    fileFor,
    register(jobId, size) {
      const id = randomBytes(16).toString('hex');
      stages.set(id, { jobId, size, busy: false });
      byJob.set(jobId, id);
      return id;
    },
    async receive(stageId, body) {
      const stage = STAGE_ID.test(stageId) ? stages.get(stageId) : undefined;
      if (!stage) {
        body.resume();
        throw new CoreError(
          'InvalidRequest',
          'This upload link is not valid: it was used already or the transfer is gone.',
        );
      }
      if (stage.busy) {
        body.resume();
        throw new CoreError('InvalidRequest', 'The bytes for this upload are already arriving.');
      }
      stage.busy = true;
      const file = fileFor(stage.jobId);
      let bytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          if (bytes > stage.size)
            done(new CoreError('InvalidRequest', `More than the announced ${stage.size} bytes arrived.`));
          else done(null, chunk);
        },
      });
      try {
        await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
        await pipeline(body, counter, createWriteStream(file, { mode: PRIVATE_FILE_MODE }));
        if (bytes !== stage.size) {
          throw new CoreError(
            'InvalidRequest',
            `${bytes} of the announced ${stage.size} bytes arrived: send the file again.`,
          );
        }
      } catch (error) {
        stage.busy = false;
        await rm(file, { force: true });
        throw error;
      }
      stages.delete(stageId);
      byJob.delete(stage.jobId);
      return stage.jobId;
    },
    async discard(jobId) {
      const id = byJob.get(jobId);
      byJob.delete(jobId);
      if (id !== undefined) stages.delete(id);
      await rm(fileFor(jobId), { force: true });
    },
    async sweep(keep) {
      const names = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(names.filter((n) => !keep(n)).map((n) => rm(path.join(dir, n), { force: true })));
    },
  };
}
