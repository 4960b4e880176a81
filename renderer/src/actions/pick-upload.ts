/**
 * "Upload files…" and "Upload folder…" from a menu: the same pickers and upload path as the
 * toolbar's buttons (file-uploads.ts), with an input made for the one pick.
 */
import { pickedFiles, pickedFolder, uploadContent } from '../components/file-uploads';
import type { DropContent } from '../platform/dropped-files';
import { selectPlace, type AppStore } from '../store';

export function pickAndUpload(store: AppStore, folder: boolean): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = !folder;
  if (folder) input.webkitdirectory = true;
  const read: (files: File[]) => Promise<DropContent> = folder ? pickedFolder : pickedFiles;
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    const where = selectPlace(store.getState());
    if (where === null || files.length === 0) return;
    void read(files).then((content) => uploadContent(store, content, { bucket: where.bucket, prefix: where.prefix }));
  });
  input.click();
}
