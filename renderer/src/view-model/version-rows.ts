/**
 * Rows of the "Show versions" listing and of an object's Versions tab: folders first, then
 * each key's versions newest first as the server sends them; a key's older versions and its
 * delete markers are marked so the table can indent or grey them.
 */
import { baseName } from '../../../shared/keys';
import type { ObjectVersion } from '../../../shared/properties';

export type VersionRow =
  | { kind: 'folder'; id: string; key: string; name: string }
  | {
      kind: 'version';
      id: string;
      key: string;
      name: string;
      version: ObjectVersion;
      /** A later version of the same key is listed above this one. */
      older: boolean;
    };

/** A key and a version id together (keys may hold any character, so no separator is safe). */
export const versionRowId = (key: string, versionId: string): string => JSON.stringify([key, versionId]);

export function folderRows(prefixes: readonly string[]): VersionRow[] {
  return prefixes.map((key) => ({ kind: 'folder', id: key, key, name: baseName(key) }));
}

/**
 * Rows for a page of versions appended after `previous` (the last row of the pages before):
 * a key's versions may continue from one page to the next.
 */
export function versionRows(versions: readonly ObjectVersion[], previous: VersionRow | null = null): VersionRow[] {
  let lastKey = previous?.kind === 'version' ? previous.key : null;
  return versions.map((version) => {
    const older = version.key === lastKey;
    lastKey = version.key;
    return {
      kind: 'version',
      id: versionRowId(version.key, version.versionId),
      key: version.key,
      name: baseName(version.key),
      version,
      older,
    };
  });
}

/** The listing filtered by name: a folder or a key matches on its last segment. */
export function filterVersionRows(rows: readonly VersionRow[], query: string): readonly VersionRow[] {
  const q = query.trim().toLocaleLowerCase();
  if (q === '') return rows;
  return rows.filter((r) => r.name.toLocaleLowerCase().includes(q));
}

/** The first characters of a version id, enough to tell versions apart at a glance. */
export function shortVersionId(versionId: string): string {
  return versionId.length > 12 ? `${versionId.slice(0, 10)}…` : versionId;
}

/** A version's badges, as ids (worded `properties:badge.<id>`). */
export function versionBadges(version: ObjectVersion): ('latest' | 'deleteMarker')[] {
  const badges: ('latest' | 'deleteMarker')[] = [];
  if (version.isLatest) badges.push('latest');
  if (version.isDeleteMarker) badges.push('deleteMarker');
  return badges;
}

const indexes = new WeakMap<readonly VersionRow[], Map<string, number>>();

/** Index of a row id in a rows array, built once per array (O(1) lookups afterwards). */
export function versionRowIndex(rows: readonly VersionRow[], id: string | null): number {
  if (id === null) return -1;
  let map = indexes.get(rows);
  if (map === undefined) {
    map = new Map();
    rows.forEach((r, i) => map?.set(r.id, i));
    indexes.set(rows, map);
  }
  return map.get(id) ?? -1;
}
