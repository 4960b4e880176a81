/**
 * A pair's index: for each path, what both sides were when they were last known to be the
 * same. A cache, never the truth: a missing or damaged index reads as empty (the next compare
 * is slower, its outcome the same). One JSON file per pair under `<dataDir>/sync/`, written
 * whole (temp + rename), as rows rather than objects so 100,000 paths stay a few megabytes.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PRIVATE_DIR_MODE, readTextIfExists, writeFileAtomic } from '../atomic-file';
import { CoreError } from '../errors';
import type { IndexEntry } from './types';

const VERSION = 1;
/** [path, size, mtimeMs, etag, byContent (1 or 0)] */
type Row = [string, number, number, string | null, 0 | 1];

const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function indexFile(dataDir: string, pairId: string): string {
  // The id becomes a file name: nothing but plain characters may reach the path.
  if (!SAFE_ID.test(pairId)) throw new CoreError('InvalidRequest', 'The sync pair id is not valid.');
  return path.join(dataDir, 'sync', `${pairId}.index.json`);
}

/** The index as saved; empty when there is none or it cannot be read as one. */
export async function loadIndex(file: string): Promise<Map<string, IndexEntry>> {
  const index = new Map<string, IndexEntry>();
  let text: string | null;
  try {
    text = await readTextIfExists(file);
  } catch {
    return index;
  }
  if (text === null) return index;
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return index;
  }
  if (!isSaved(saved)) return index;
  for (const row of saved.rows) {
    if (!isRow(row)) return new Map();
    index.set(row[0], { size: row[1], mtimeMs: row[2], etag: row[3], byContent: row[4] === 1 });
  }
  return index;
}

export async function saveIndex(file: string, index: ReadonlyMap<string, IndexEntry>): Promise<void> {
  const rows: Row[] = [];
  for (const [p, e] of index) rows.push([p, e.size, e.mtimeMs, e.etag, e.byContent ? 1 : 0]);
  await mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  await writeFileAtomic(file, JSON.stringify({ version: VERSION, rows }));
}

export async function removeIndex(file: string): Promise<void> {
  await rm(file, { force: true });
}

function isSaved(value: unknown): value is { version: number; rows: unknown[] } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.version === VERSION && Array.isArray(v.rows);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isRow(value: unknown): value is Row {
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    typeof value[0] === 'string' &&
    isNumber(value[1]) &&
    value[1] >= 0 &&
    isNumber(value[2]) &&
    (value[3] === null || typeof value[3] === 'string') &&
    (value[4] === 0 || value[4] === 1)
  );
}
