/** What the tasks get from the worker: limits, stop signal, reporting and retries (and S3's client). */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Checkpoint, EngineTuning } from '../../shared/transfer-protocol';
import type { ProgressReporter } from './progress';
import type { RateLimiter } from './rate-limiter';
import type { Attempt } from './retry';

export interface RetryScope {
  /** Stall window for this request (tuning.stallTimeoutMs by default). */
  stallMs?: number;
  /** Stops attempts and backoff; the task's stop signal by default. */
  stop?: AbortSignal;
}

/** What every task gets, whatever the service. */
export interface EngineContext {
  tuning: EngineTuning;
  /** Aborted with a StopRequest when the queue pauses or cancels the job. */
  stop: AbortSignal;
  stopReason(): 'pause' | 'cancel' | null;
  limiters: { up: RateLimiter; down: RateLimiter };
  progress: ProgressReporter;
  checkpoint(checkpoint: Checkpoint): void;
  notice(message: string): void;
  /** One request with retries; each retry is reported to the queue. */
  retry<T>(op: (attempt: Attempt) => Promise<T>, scope?: RetryScope): Promise<T>;
}

/** An S3 task's context: the client built from its credentials. */
export interface TaskContext extends EngineContext {
  client: S3Client;
}

/** For requests that must run to their end even after a stop (create, complete, abort). */
export const NEVER_STOPS: AbortSignal = new AbortController().signal;
