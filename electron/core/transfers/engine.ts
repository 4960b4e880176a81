/**
 * The seam between the transfer queue and the engine that moves bytes. The queue decides what
 * runs and when; the engine (worker threads, see worker-pool.ts) runs one task and reports.
 */
import type { AppError } from '../../../shared/errors';
import type { Checkpoint, TaskResult, TransferTask } from '../../../shared/transfer-protocol';

export interface TaskEvents {
  /** Coalesced by the worker (a few per second per job). */
  onProgress(bytesDone: number, bytesTotal: number): void;
  /** A part or range completed: persist it before anything else. */
  onCheckpoint(checkpoint: Checkpoint): void;
  onRetrying(info: { attempt: number; maxAttempts: number; delayMs: number; reason: AppError }): void;
  onNotice(message: string): void;
}

export type TaskOutcome =
  | { kind: 'done'; result: TaskResult }
  | { kind: 'failed'; error: AppError }
  | { kind: 'paused' }
  | { kind: 'cancelled' };

export interface RunningTask {
  /** Settles once: done, failed, or after pause()/cancel() took effect. */
  outcome: Promise<TaskOutcome>;
  /** Stop, keeping the multipart upload / temp file so a later start resumes from the checkpoint. */
  pause(): void;
  /** Stop, abort the multipart upload on the server and remove the temp file. */
  cancel(): void;
}

export interface TransferEngine {
  run(task: TransferTask, events: TaskEvents): RunningTask;
  /** Global limits in bytes per second; 0 = unlimited. Applies to tasks already running. */
  setRateLimits(limits: { up: number; down: number }): void;
  /** Pauses nothing: terminates the workers (tasks settle as paused). */
  dispose(): Promise<void>;
}
