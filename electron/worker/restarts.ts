/**
 * A transfer whose data changed under it (the local file mid-upload, the object mid-download)
 * starts again from the beginning, with a notice; data that keeps changing fails the job.
 */
import type { CoreError } from '../core/errors';
import type { EngineContext } from './task-context';

/** Restarts before the job fails. */
const MAX_RESTARTS = 2;

export interface RestartPolicy {
  /** Whether the error means the data changed (anything else fails the attempt as it is). */
  changed(error: unknown): boolean;
  notice: string;
  /** The job's failure once the data changed more than MAX_RESTARTS times. */
  giveUp(times: number): CoreError;
}

/** Runs `attempt`, and again without its resume each time the data changed. */
export async function restartingFromScratch<T, R>(
  ctx: EngineContext,
  resume: R | null,
  attempt: (resume: R | null) => Promise<T>,
  policy: RestartPolicy,
): Promise<T> {
  for (let restarts = 0; ; restarts++) {
    try {
      return await attempt(resume);
    } catch (error) {
      if (!policy.changed(error) || ctx.stop.aborted) throw error;
      if (restarts >= MAX_RESTARTS) throw policy.giveUp(restarts + 1);
      ctx.notice(policy.notice);
      resume = null;
    }
  }
}
