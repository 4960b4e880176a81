/**
 * Dragging objects out of the window (Electron's webContents.startDrag needs files that exist):
 * the objects are downloaded into a fresh folder under dataDir/drag-out and their paths handed
 * back. Folders are not dragged out (the queue downloads those).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isFolderKey } from '../../../shared/keys';
import { CoreError } from '../errors';
import { forEachLimited } from '../../../shared/concurrency';
import { suggestedFileName } from '../local-save';
import { numberedName } from './conflicts';
import { PRIVATE_DIR_MODE } from '../atomic-file';

export const DRAG_OUT_DIR = 'drag-out';
const PARALLEL = 4;

/** Removes what earlier drags left (nothing is being dragged while the app starts). */
export async function clearDragOut(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, DRAG_OUT_DIR), { recursive: true, force: true });
}

export async function prepareDragOut(
  dataDir: string,
  download: (key: string, target: string) => Promise<void>,
  keys: readonly string[],
): Promise<string[]> {
  const objects = keys.filter((k) => !isFolderKey(k));
  if (objects.length === 0) throw new CoreError('InvalidRequest', 'Only objects can be dragged out, not folders.');
  const dir = path.join(dataDir, DRAG_OUT_DIR, randomBytes(8).toString('hex'));
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // Same names from different folders: keep both ("a (1).txt"), never overwrite.
  const taken = new Set<string>();
  const targets = objects.map((key) => {
    const name = suggestedFileName(key);
    let unique = name;
    for (let n = 1; taken.has(unique.toLowerCase()); n++) unique = numberedName(name, n);
    taken.add(unique.toLowerCase());
    return { key, target: path.join(dir, unique) };
  });
  try {
    await forEachLimited(targets, PARALLEL, new AbortController().signal, async ({ key, target }) => {
      await download(key, target);
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return targets.map((t) => t.target);
}
