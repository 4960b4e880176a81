import { describe, expect, it } from 'vitest';
import { toAppError } from '../../electron/core/errors';
import {
  errorFromAnswer,
  QuickSyncError,
  SESSION_EXPIRED_MESSAGE,
} from '../../electron/core/providers/quicksync/problem-details';
import { isRetryable } from '../../electron/worker/retry';

const answer = (status: number, contentType: string | null, statusText = '') =>
  ({ status, statusText, contentType, from: 'api' }) as const;
const problem = (status: number, title: string, detail?: string): string =>
  JSON.stringify({ type: 'https://tools.ietf.org/html/rfc9110', title, status, ...(detail && { detail }) });

describe('QuickSync answers that are not a success', () => {
  it('shows JSON problem details as "title: detail", with a code from the status', () => {
    const e = errorFromAnswer(
      answer(404, 'application/problem+json; charset=utf-8'),
      problem(404, 'Not Found', 'There is no file "abc".'),
    );
    expect(e).toBeInstanceOf(QuickSyncError);
    expect(toAppError(e)).toEqual({
      code: 'NoSuchKey',
      message: 'Not Found: There is no file "abc".',
      detail: 'HTTP 404 from the QuickSync API',
    });
    expect(toAppError(errorFromAnswer(answer(400, 'application/json'), problem(400, 'Bad Request')))).toMatchObject({
      code: 'InvalidRequest',
      message: 'Bad Request',
    });
    expect(errorFromAnswer(answer(409, 'text/json'), problem(409, 'Conflict', 'Already completed.')).message).toBe(
      'Conflict: Already completed.',
    );
  });

  it('shows anything else as "HTTP status: text"', () => {
    expect(errorFromAnswer(answer(502, 'text/html', 'Bad Gateway'), '  upstream is down \n').message).toBe(
      'HTTP 502: upstream is down',
    );
    expect(errorFromAnswer(answer(500, null, 'Internal Server Error'), '').message).toBe(
      'HTTP 500: Internal Server Error',
    );
    expect(errorFromAnswer(answer(418, null), '').message).toBe('HTTP 418');
    // JSON that is no problem details is text like any other.
    expect(errorFromAnswer(answer(400, 'application/json'), '[1,2]').message).toBe('HTTP 400: [1,2]');
    expect(errorFromAnswer(answer(503, 'application/json'), '{ broken').message).toBe('HTTP 503: { broken');
    expect(errorFromAnswer(answer(500, 'text/plain'), 'x'.repeat(1000)).message.length).toBeLessThan(320);
  });

  it("never quotes markup: a proxy's HTML error page is shown as its status", () => {
    const page = '<!DOCTYPE html><html><head><title>502</title></head><body><h1>Bad Gateway</h1></body></html>';
    expect(errorFromAnswer(answer(502, 'text/html', 'Bad Gateway'), page).message).toBe(
      'HTTP 502: Bad Gateway (the answer was a web page, not the API’s)',
    );
    expect(errorFromAnswer(answer(502, 'text/plain', ''), `  ${page}`).message).toBe(
      'HTTP 502 (the answer was a web page, not the API’s)',
    );
    expect(errorFromAnswer(answer(500, 'text/plain'), 'line one\r\nline two').message).toBe(
      'HTTP 500: line one line two',
    );
  });

  it('says "session expired" for any 401, keeping what the service said in the detail', () => {
    const e = toAppError(
      errorFromAnswer(
        answer(401, 'application/problem+json'),
        problem(401, 'Unauthorized', 'The session has expired.'),
      ),
    );
    expect(e).toEqual({
      code: 'SessionExpired',
      message: SESSION_EXPIRED_MESSAGE,
      detail: 'HTTP 401 from the QuickSync API · Unauthorized: The session has expired.',
    });
    expect(toAppError(errorFromAnswer(answer(401, null), '')).code).toBe('SessionExpired');
  });

  it('does not take a download link host’s 401 for an expired session', () => {
    const e = errorFromAnswer({ status: 401, statusText: 'Unauthorized', contentType: null, from: 'download' }, '');
    expect(e.code).toBe('AccessDenied');
    expect(e.message).toBe('The download failed: HTTP 401: Unauthorized');
  });

  it('retries busy and failing answers, never refusals', () => {
    for (const status of [500, 502, 503, 504, 429, 408]) {
      expect(isRetryable(errorFromAnswer(answer(status, null), ''))).toBe(true);
    }
    for (const status of [400, 401, 403, 404, 409, 410, 413]) {
      expect(isRetryable(errorFromAnswer(answer(status, null), ''))).toBe(false);
    }
    expect(errorFromAnswer(answer(503, null), '').code).toBe('Throttled');
    expect(errorFromAnswer(answer(429, null), '').code).toBe('Throttled');
    expect(errorFromAnswer(answer(500, null), '').code).toBe('ServerError');
  });
});
