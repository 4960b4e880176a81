/**
 * Per-request retries: exponential backoff with full jitter, a closed list of what is worth
 * another attempt, and a stall watchdog that aborts a request when no bytes move.
 */
import type { AppError } from '../../shared/errors';
import type { EngineTuning } from '../../shared/transfer-protocol';
import { CoreError, toAppError } from '../core/errors';
import { QuickSyncError } from '../core/providers/quicksync/problem-details';
import { GaveUpError, StallError, StopRequest, TransientError } from './task-errors';

/** Delay before attempt `failed + 1`: uniform in [0, min(max, base·2^(failed-1))). */
export function backoffDelay(
  failed: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failed - 1));
  return Math.floor(random() * ceiling);
}

const RETRYABLE_SERVICE_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequests',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'RequestTimeoutException',
  'IncompleteBody',
  'BadDigest', // bytes damaged on the way (a changed source is caught separately)
  'XAmzContentSHA256Mismatch',
]);

const RETRYABLE_NODE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

type Fields = Record<string, unknown>;

/** Worth another attempt: throttling, 5xx, resets, timeouts, stalls, short bodies. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof StopRequest) return false;
  if (error instanceof TransientError) return true;
  if (error instanceof QuickSyncError) return error.retryable;
  if (error instanceof CoreError || typeof error !== 'object' || error === null) return false;
  const e = error as Fields;
  const status = (e.$metadata as Fields | undefined)?.httpStatusCode;
  const name = typeof e.name === 'string' ? e.name : '';
  if (name === 'AbortError') return false;
  const code = typeof e.Code === 'string' ? e.Code : name;
  if (RETRYABLE_SERVICE_CODES.has(code)) return true;
  if (typeof status === 'number') return status >= 500 || status === 429;
  if (name === 'TimeoutError') return true;
  const nodeCode = typeof e.code === 'string' ? e.code : (e.cause as Fields | undefined)?.code;
  if (typeof nodeCode === 'string' && RETRYABLE_NODE_CODES.has(nodeCode)) return true;
  // Cut or garbled answers: a reset mid-body, or XML the SDK could not parse because it ended early.
  return /socket hang up|aborted|premature close|ECONNRESET|Deserialization error/i.test(
    typeof e.message === 'string' ? e.message : '',
  );
}

/** Calls `onStall` once when `touch()` was not called for `timeoutMs`. */
export function startWatchdog(timeoutMs: number, onStall: () => void, now: () => number = Date.now) {
  let last = now();
  const timer = setInterval(
    () => {
      if (now() - last < timeoutMs) return;
      clearInterval(timer);
      onStall();
    },
    Math.max(20, Math.min(1000, Math.floor(timeoutMs / 4))),
  );
  timer.unref?.();
  return {
    touch: () => {
      last = now();
    },
    stop: () => clearInterval(timer),
  };
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface Attempt {
  /** Aborted on stall, on stop, or by abort(). */
  signal: AbortSignal;
  /** Bytes moved or an answer came: the request is alive. */
  touch(): void;
  /** Ends this attempt with `reason` (retried only if the reason is retryable). */
  abort(reason: Error): void;
  /** 1-based. */
  number: number;
}

export interface RetryInfo {
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: AppError;
}

export interface RetryOptions {
  tuning: EngineTuning;
  /** The task's stop signal (pause/cancel): aborts the attempt and the backoff. */
  stop: AbortSignal;
  onRetry(info: RetryInfo): void;
  /** Stall window for this request; tuning.stallTimeoutMs by default. */
  stallMs?: number;
  random?: () => number;
}

/**
 * Runs `op` until it succeeds, fails with something not worth retrying, or used maxAttempts.
 * A stop always wins: its StopRequest is thrown as is. A retryable cause that ran out of
 * attempts is reported as itself, with how many attempts were made.
 */
export async function withRetries<T>(op: (attempt: Attempt) => Promise<T>, options: RetryOptions): Promise<T> {
  const { tuning, stop } = options;
  const maxAttempts = Math.max(1, tuning.maxAttempts);
  const stallMs = options.stallMs ?? tuning.stallTimeoutMs;
  for (let number = 1; ; number++) {
    if (stop.aborted) throw stop.reason as Error;
    const controller = new AbortController();
    const onStop = (): void => controller.abort(stop.reason);
    stop.addEventListener('abort', onStop, { once: true });
    const watchdog = startWatchdog(stallMs, () => controller.abort(new StallError(stallMs)));
    let cause: unknown;
    try {
      return await op({
        signal: controller.signal,
        touch: watchdog.touch,
        abort: (reason) => controller.abort(reason),
        number,
      });
    } catch (error) {
      // An aborted request throws a generic AbortError: the reason says why it was aborted.
      cause = controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      watchdog.stop();
      stop.removeEventListener('abort', onStop);
    }
    if (stop.aborted) throw stop.reason as Error;
    if (!isRetryable(cause)) throw cause;
    if (number >= maxAttempts) throw gaveUp(cause, number);
    const delayMs = backoffDelay(number, tuning.baseBackoffMs, tuning.maxBackoffMs, options.random);
    options.onRetry({ attempt: number + 1, maxAttempts, delayMs, reason: toAppError(cause) });
    await sleep(delayMs, stop);
  }
}

function gaveUp(cause: unknown, attempts: number): GaveUpError {
  const app = toAppError(cause);
  const message = attempts > 1 ? `${app.message} (gave up after ${attempts} attempts)` : app.message;
  return new GaveUpError(app.code, message, app.detail);
}
