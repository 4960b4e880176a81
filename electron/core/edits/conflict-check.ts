/**
 * The conflict check of edit in place: a save is uploaded over the object only while the object
 * is still the one the copy was made from (same ETag); and the "keep both" key for a save that
 * must not overwrite: "name (edited).ext", or "name (edited) (n).ext" when that exists too.
 */
import { firstFreeNumber, markedName, numberedName, withLastSegment } from '../transfers/conflicts';

/** The object's current ETag, or null when it is gone (deleted since). */
export type CurrentEtag = () => Promise<string | null>;

/** True when someone else changed (or deleted) the object since the copy's base ETag. */
export async function changedSince(baseEtag: string | null, current: CurrentEtag): Promise<boolean> {
  return (await current()) !== baseEtag;
}

const EDITED_MARK = '(edited)';

/** The first free "keep both" key next to `key` for the person's version. */
export async function keepBothKey(key: string, exists: (key: string) => Promise<boolean>): Promise<string> {
  const edited = withLastSegment(key, (name) => markedName(name, EDITED_MARK));
  if (!(await exists(edited))) return edited;
  const n = await firstFreeNumber((k) => exists(withLastSegment(edited, (name) => numberedName(name, k))));
  return withLastSegment(edited, (name) => numberedName(name, n));
}
