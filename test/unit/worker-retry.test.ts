import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineTuning } from '../../shared/transfer-protocol';
import { CoreError } from '../../electron/core/errors';
import { backoffDelay, isRetryable, startWatchdog, withRetries, type RetryInfo } from '../../electron/worker/retry';
import { StallError, StopRequest, TransientError } from '../../electron/worker/task-errors';

const service = (name: string, status: number): Error =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const node = (code: string, message = code): Error => Object.assign(new Error(message), { code });

describe('backoffDelay', () => {
  it('doubles the ceiling per failed attempt, capped, with full jitter', () => {
    const top = (failed: number): number => backoffDelay(failed, 250, 10_000, () => 0.999999);
    expect(top(1)).toBe(249);
    expect(top(2)).toBe(499);
    expect(top(3)).toBe(999);
    expect(top(6)).toBe(7999);
    expect(top(7)).toBe(9999);
    expect(top(30)).toBe(9999);
    expect(backoffDelay(5, 250, 10_000, () => 0)).toBe(0);
  });

  it('stays within [0, ceiling) for random draws', () => {
    const draws = Array.from({ length: 1000 }, () => backoffDelay(4, 250, 10_000));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(2000);
    // Jitter: not all the same.
    expect(new Set(draws).size).toBeGreaterThan(100);
  });
});

describe('isRetryable', () => {
  it.each([
    ['503 SlowDown', service('SlowDown', 503)],
    ['500 InternalError', service('InternalError', 500)],
    ['502 with an unknown code', service('UnknownError', 502)],
    ['429', service('TooManyRequests', 429)],
    ['400 RequestTimeout', service('RequestTimeout', 400)],
    ['400 BadDigest', service('BadDigest', 400)],
    ['ECONNRESET', node('ECONNRESET')],
    ['EPIPE', node('EPIPE')],
    ['socket hang up', new Error('socket hang up')],
    ['SDK TimeoutError', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['a stall', new StallError(30_000)],
    ['a short body', new TransientError('NetworkError', 'ended early')],
  ])('retries %s', (_label, error) => expect(isRetryable(error)).toBe(true));

  it.each([
    ['403 AccessDenied', service('AccessDenied', 403)],
    ['403 SignatureDoesNotMatch', service('SignatureDoesNotMatch', 403)],
    ['404 NoSuchKey', service('NoSuchKey', 404)],
    ['404 NoSuchBucket', service('NoSuchBucket', 404)],
    ['404 NoSuchUpload', service('NoSuchUpload', 404)],
    ['412 PreconditionFailed', service('PreconditionFailed', 412)],
    ['a certificate error', node('CERT_HAS_EXPIRED', 'certificate has expired')],
    ['ENOENT', node('ENOENT')],
    ['a CoreError', new CoreError('LocalIOError', 'disk full')],
    ['a stop', new StopRequest('pause')],
    ['an AbortError', Object.assign(new Error('Request aborted'), { name: 'AbortError' })],
    ['a string', 'boom'],
  ])('does not retry %s', (_label, error) => expect(isRetryable(error)).toBe(false));
});

describe('startWatchdog', () => {
  afterEach(() => void vi.useRealTimers());

  it('fires once after the timeout without touches, not while touched', () => {
    vi.useFakeTimers();
    const onStall = vi.fn();
    const dog = startWatchdog(1000, onStall);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(500);
      dog.touch();
    }
    expect(onStall).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1250);
    expect(onStall).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(onStall).toHaveBeenCalledTimes(1);
    dog.stop();
  });
});

const tuning = (maxAttempts = 3, stallTimeoutMs = 30_000): EngineTuning => ({
  partsInParallel: 1,
  maxAttempts,
  stallTimeoutMs,
  baseBackoffMs: 1,
  maxBackoffMs: 4,
});

describe('withRetries', () => {
  it('retries retryable failures, reports each retry, and returns the success', async () => {
    const retries: RetryInfo[] = [];
    let calls = 0;
    const value = await withRetries(
      async () => {
        if (++calls < 3) throw service('SlowDown', 503);
        return 'ok';
      },
      { tuning: tuning(5), stop: new AbortController().signal, onRetry: (i) => retries.push(i) },
    );
    expect(value).toBe('ok');
    expect(retries.map((r) => [r.attempt, r.maxAttempts, r.reason.code])).toEqual([
      [2, 5, 'Throttled'],
      [3, 5, 'Throttled'],
    ]);
    for (const r of retries) expect(r.delayMs).toBeLessThan(4);
  });

  it('fails at once on what is not retryable', async () => {
    const onRetry = vi.fn();
    const denied = service('AccessDenied', 403);
    await expect(
      withRetries(
        async () => {
          throw denied;
        },
        { tuning: tuning(), stop: new AbortController().signal, onRetry },
      ),
    ).rejects.toBe(denied);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('gives up after maxAttempts with the real cause and the count', async () => {
    let calls = 0;
    const error = await withRetries(
      async () => {
        calls++;
        throw service('SlowDown', 503);
      },
      { tuning: tuning(3), stop: new AbortController().signal, onRetry: () => {} },
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('Throttled');
    expect((error as CoreError).message).toMatch(/gave up after 3 attempts/);
  });

  it('aborts a stalled attempt and retries it', async () => {
    const retries: RetryInfo[] = [];
    let calls = 0;
    const value = await withRetries(
      (attempt) => {
        calls++;
        if (calls === 1) {
          // Never answers: only the watchdog ends it.
          return new Promise<string>((_resolve, reject) =>
            attempt.signal.addEventListener('abort', () => reject(new Error('Request aborted'))),
          );
        }
        return Promise.resolve('second');
      },
      { tuning: tuning(3, 60), stop: new AbortController().signal, onRetry: (i) => retries.push(i) },
    );
    expect(value).toBe('second');
    expect(retries).toHaveLength(1);
    expect(retries[0]!.reason.code).toBe('Timeout');
  });

  it('lets a stop win over retries and backoff', async () => {
    const stop = new AbortController();
    const promise = withRetries(
      async () => {
        stop.abort(new StopRequest('cancel'));
        throw service('SlowDown', 503);
      },
      { tuning: tuning(5), stop: stop.signal, onRetry: () => {} },
    );
    await expect(promise).rejects.toBeInstanceOf(StopRequest);
  });

  it('does not retry an attempt ended on purpose with a non-retryable reason', async () => {
    const reason = new CoreError('LocalIOError', 'changed');
    await expect(
      withRetries(
        (attempt) => {
          attempt.abort(reason);
          return Promise.reject(new Error('Request aborted'));
        },
        { tuning: tuning(), stop: new AbortController().signal, onRetry: () => {} },
      ),
    ).rejects.toBe(reason);
  });
});
