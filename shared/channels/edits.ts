/**
 * Open and edit in place: an object downloaded through the transfer queue into the core's
 * private cache and opened with the system's application; while it is edited, every save of
 * that copy is uploaded back (checked against the object's ETag first). Desktop host only.
 */
import { z } from 'zod';
import type { AppError } from '../errors';
import { bucket, id, key } from '../schemas';
import { channel, returns } from './channel';

/**
 * downloading → watching → uploading → uploaded (→ uploading …); `conflict` when the object
 * changed on the server since the copy was made, `error` when a download or upload failed.
 */
export type EditState = 'downloading' | 'watching' | 'uploading' | 'uploaded' | 'conflict' | 'error';

export interface EditSession {
  id: string;
  accountId: string;
  bucket: string;
  /** The object the saves go to (after "keep both", the new one). */
  key: string;
  state: EditState;
  /** Saves uploaded so far. */
  uploads: number;
  /** When the last save arrived on the server (ISO). */
  uploadedAt: string | null;
  error: AppError | null;
}

/** What to do with a save whose object someone else changed meanwhile. */
export const EDIT_RESOLUTIONS = ['overwrite', 'keepBoth', 'discard'] as const;
export type EditResolution = (typeof EDIT_RESOLUTIONS)[number];

/** A stopped session's copy kept in the edit cache because it holds changes never uploaded. */
export interface KeptEditCopy extends Pick<EditSession, 'accountId' | 'bucket' | 'key'> {
  /** Where the unsent changes are (the copy in the edit cache). */
  file: string;
}

/** The payload of the core's 'edits:changed' event: every session, as it is now. */
export interface EditSessions {
  sessions: EditSession[];
  /** Sessions that just stopped with unsent changes (the others' copies are deleted). */
  kept?: KeptEditCopy[];
}

const fileKey = key.refine((k) => !k.endsWith('/'), 'folders cannot be opened');
const object = z.object({ accountId: id, bucket, key: fileKey });
const sessionId = z.object({ sessionId: z.string().min(1).max(100) });

export const editChannels = {
  /** Downloads the object to the cache (or takes the copy being edited) and opens it in its application. */
  'edits:open': channel({ request: object, response: returns<null>(), capability: 'buckets' }),
  /** Open, then upload every save of the copy back (one session per object). */
  'edits:start': channel({ request: object, response: returns<EditSession>(), capability: 'editInPlace' }),
  'edits:list': channel({ request: z.object({}), response: returns<EditSessions>() }),
  /** Answers a session's conflict. */
  'edits:resolve': channel({
    request: sessionId.extend({ choice: z.enum(EDIT_RESOLUTIONS) }),
    response: returns<null>(),
  }),
  /** Stops watching the copy (later saves stay local) and deletes it unless it holds unsent changes. */
  'edits:stop': channel({ request: sessionId, response: returns<null>() }),
};
