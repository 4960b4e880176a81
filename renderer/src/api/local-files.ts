/**
 * What the host can do with files on this computer. The Electron host names a dropped or
 * picked File by a handle it minted for the File's local path (the page never names a path)
 * and drags objects out to the file manager; the browser host can do neither (its renderer
 * streams file bytes to a stage path instead).
 */
import { getApi } from './bridge';

/** True when dropped and picked files are named by the host's handles (Electron). */
export function hostHasLocalPaths(): boolean {
  return getApi().handleForFile !== undefined;
}

/**
 * The host's handle for a dropped or picked File (with `folder`: for the picked folder it lies
 * in), or null (browser host, or a file without a local path).
 */
export async function localHandleOf(file: File, folder = false): Promise<string | null> {
  const api = getApi();
  if (api.handleForFile === undefined) return null;
  const handle = await api.handleForFile(file, { folder });
  return typeof handle === 'string' && handle !== '' ? handle : null;
}

/** True when objects can be dragged out of the window to the file manager (Electron). */
export function canDragOut(): boolean {
  return getApi().startDrag !== undefined;
}

/** Starts dragging these objects out of the window; false when the host cannot. */
export function startDragOut(request: { accountId: string; bucket: string; keys: string[] }): boolean {
  const api = getApi();
  if (api.startDrag === undefined) return false;
  api.startDrag(request);
  return true;
}
