/** Errors the engine raises on purpose, so retries and the task runner can tell them apart. */
import { CoreError } from '../core/errors';

/** A pause or cancel asked for by the queue: not a failure, never retried. */
export class StopRequest extends Error {
  constructor(readonly reason: 'pause' | 'cancel') {
    super(`stopped: ${reason}`);
    this.name = 'StopRequest';
  }
}

/** Something went wrong that another attempt may fix (short body, stall, wrong part ETag). */
export class TransientError extends CoreError {}

/** No bytes moved and no answer came for the stall timeout. */
export class StallError extends TransientError {
  constructor(ms: number) {
    super('Timeout', `No data moved for ${Math.round(ms / 1000)} s, so the request was stopped.`);
  }
}

/** The local file is not what the upload started from (size, mtime, or another file at the path). */
export class SourceChangedError extends CoreError {
  constructor() {
    super('LocalIOError', 'The file changed while it was uploading.');
  }
}

/** The object is not the one the download started with (If-Match failed, or a new ETag). */
export class ObjectChangedError extends CoreError {
  constructor() {
    super('NoSuchKey', 'The object changed on the server while it was downloading.');
  }
}

/** A retryable cause that used up its attempts: what was done so far is still good. */
export class GaveUpError extends CoreError {}
