/**
 * The few words the Electron main process shows itself (the application menu's own labels, the
 * folder dialog's title), translated by the page from its one catalogue and sent whenever the UI
 * language is applied. The main process checks them with this schema before it shows them.
 */
import { z } from 'zod';

const label = z.string().trim().min(1).max(100);

export const nativeStringsSchema = z.strictObject({
  /** The application menu's "File" and "View" (the other menus are Electron roles it labels itself). */
  fileMenu: label,
  viewMenu: label,
  /** The title of the folder dialog a download asks with. */
  downloadFolderTitle: label,
  /** The title of the folder dialog a new sync pair asks with. */
  syncFolderTitle: label,
});

export type NativeStrings = z.infer<typeof nativeStringsSchema>;
