/**
 * What a failed QuickSync answer means. The API answers errors as JSON problem details
 * (RFC 9457: `title`, `detail`, `status`), shown as "title: detail"; anything else is shown as
 * "HTTP status: text". A 401 always means the session token is no longer valid.
 */
import type { ErrorCode } from '../../../../shared/errors';
import { CoreError } from '../../errors';

export const SESSION_EXPIRED_MESSAGE = 'Session expired: paste a new session token in the account settings.';

const MAX_SAID = 300;

/** An HTTP answer of the QuickSync API that is not a success; the worker retries by `status`. */
export class QuickSyncError extends CoreError {
  constructor(
    code: ErrorCode,
    message: string,
    detail: string,
    readonly status: number,
  ) {
    super(code, message, detail);
  }

  /** Busy, overloaded or failing for now: another attempt may work. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** JSON, problem+json, and the text/json the service also declares. */
const JSON_TYPE = /^(application\/([\w.-]+\+)?json|text\/json)\b/i;

const clip = (s: string): string => (s.length > MAX_SAID ? `${s.slice(0, MAX_SAID)}…` : s);

function codeOf(status: number): ErrorCode {
  if (status === 401) return 'SessionExpired';
  if (status === 403) return 'AccessDenied';
  if (status === 404 || status === 410) return 'NoSuchKey';
  if (status === 408) return 'Timeout';
  if (status === 413) return 'NotSupported';
  if (status === 429 || status === 503) return 'Throttled';
  if (status >= 500) return 'ServerError';
  if (status >= 400) return 'InvalidRequest';
  return 'Unknown';
}

/** "title: detail" from a problem details body, or null when the body is not one. */
function problemText(contentType: string | null, body: string): string | null {
  if (!JSON_TYPE.test(contentType ?? '')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { title, detail } = parsed as { title?: unknown; detail?: unknown };
  const parts = [title, detail].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length > 0 ? parts.map((p) => p.trim()).join(': ') : null;
}

/**
 * A body worth quoting: plain text, one line. Markup (a proxy's HTML error page) is never
 * quoted: it says nothing a person can act on and would fill the message with tags.
 */
function plainText(body: string): string | null {
  const text = body.trim();
  if (text === '' || text.startsWith('<')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/**
 * The error for a non-2xx answer, from its status, content type and body text. A download
 * link's host knows nothing of the session: its 401 is no "session expired".
 */
export function errorFromAnswer(
  answer: { status: number; statusText: string; contentType: string | null; from: 'api' | 'download' },
  body: string,
): QuickSyncError {
  const { status } = answer;
  const markup = body.trim() !== '' && plainText(body) === null;
  const text = plainText(body) ?? (answer.statusText.trim() || null);
  const page = markup ? ' (the answer was a web page, not the API’s)' : '';
  const said = clip(
    problemText(answer.contentType, body) ??
      (text !== null ? `HTTP ${status}: ${text}${page}` : `HTTP ${status}${page}`),
  );
  if (answer.from === 'download') {
    const detail = `HTTP ${status} from the download link`;
    return new QuickSyncError(codeOf(status === 401 ? 403 : status), `The download failed: ${said}`, detail, status);
  }
  const detail = `HTTP ${status} from the QuickSync API`;
  if (status === 401)
    return new QuickSyncError('SessionExpired', SESSION_EXPIRED_MESSAGE, `${detail} · ${said}`, status);
  return new QuickSyncError(codeOf(status), said, detail, status);
}
