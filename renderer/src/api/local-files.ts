/**
 * What the host can do with files on this computer. The Electron host turns a dropped or
 * picked File into its local path and drags objects out to the file manager; the browser
 * host can do neither (its renderer streams file bytes to a stage path instead).
 */
import { getApi } from './bridge';

/** True when dropped and picked files have local paths (Electron). */
export function hostHasLocalPaths(): boolean {
  return getApi().pathForFile !== undefined;
}

/** The local path of a dropped or picked File, or null (browser host, or a file without one). */
export function localPathOf(file: File): string | null {
  const api = getApi();
  if (api.pathForFile === undefined) return null;
  const path = api.pathForFile(file);
  return typeof path === 'string' && path !== '' ? path : null;
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
