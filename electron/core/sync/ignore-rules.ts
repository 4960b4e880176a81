/**
 * Which paths a sync leaves out: gitignore syntax through the `ignore` package, the OS-junk
 * defaults plus the pair's own rules, applied alike to local paths and to object paths (relative
 * to the pair's prefix). A path under an ignored folder is ignored too, so an object
 * "node_modules/a/b.js" is left out by the rule that stops the local walk at "node_modules/".
 *
 * Matching ignores case, as git does on macOS and Windows: "Thumbs.db" and "THUMBS.DB" are the
 * same junk, and a rule must not mean one thing on the person's Mac and another in the bucket.
 * The defaults are a matcher of their own, so a "!" rule of the person cannot bring them back.
 */
import ignore from 'ignore';
import { DEFAULT_SYNC_IGNORES } from '../../../shared/sync';

/** True when the path ("/"-separated, relative) is left out; folders are asked with `isDirectory`. */
export type IgnoreMatcher = (relativePath: string, isDirectory: boolean) => boolean;

/**
 * The matcher for a pair's rules. `ignore` accepts any text (a malformed line matches nothing,
 * as in git), so there is nothing to refuse. A path `ignore` cannot take as relative ("", "/a",
 * "../a") is not ignored: the trees report such paths as problems of their own. One matcher per
 * comparison: `ignore` remembers every path it was asked about.
 */
export function ignoreMatcher(userRules: string): IgnoreMatcher {
  const defaults = ignore({ ignorecase: true }).add(DEFAULT_SYNC_IGNORES);
  // Most pairs have no rules of their own: a second matcher would double every walk's matching.
  const hasRules = userRules.split(/\r?\n/).some((line) => line.trim() !== '' && !line.startsWith('#'));
  const user = hasRules ? ignore({ ignorecase: true }).add(userRules) : null;
  return (relativePath, isDirectory) => {
    if (!ignore.isPathValid(relativePath)) return false;
    const asked = isDirectory ? `${relativePath}/` : relativePath;
    return defaults.ignores(asked) || (user?.ignores(asked) ?? false);
  };
}
