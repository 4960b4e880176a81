/**
 * Native context menus: the page sends the menu it built from its one definition (labels
 * translated, reasons in the labels), the main process shows it with Menu.popup at the point
 * and answers with the chosen item's id, or null when it was dismissed. Same sender rules as
 * every other IPC call; the page runs the item itself.
 */
import type {
  BrowserWindow,
  IpcMain,
  IpcMainInvokeEvent,
  MenuItemConstructorOptions,
  PopupOptions,
  WebContents,
} from 'electron';
import { nativeMenuSchema, type NativeMenu } from '../../shared/context-menu';
import { CONTEXT_MENU_CHANNEL } from '../../shared/ipc';
import { isTrustedSender } from './trusted-sender';

/**
 * macOS may report a menu closed before the click on its item: a dismissal counts only when
 * no click followed within this time.
 */
export const CLOSE_GRACE_MS = 100;

/** What is used of Electron's Menu (a fake in the tests). */
export interface MenuFactory {
  buildFromTemplate(template: MenuItemConstructorOptions[]): { popup(options: PopupOptions): void };
}

export interface ContextMenuOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  Menu: MenuFactory;
  /** The app window (the menu's owner), or null while there is none. */
  getWindow: () => BrowserWindow | null;
  getContents: () => Pick<WebContents, 'id' | 'isDestroyed'> | null;
  isAppUrl: (url: string) => boolean;
  /** Timer for the close grace (tests pass their own). */
  later?: (run: () => void, ms: number) => void;
}

/** The template of the page's menu; `choose` gets the clicked item's id. */
export function contextMenuTemplate(menu: NativeMenu, choose: (id: string) => void): MenuItemConstructorOptions[] {
  return menu.items.map((item) =>
    item.type === 'separator'
      ? { type: 'separator' }
      : {
          id: item.id,
          label: item.label,
          enabled: item.enabled,
          click: () => choose(item.id),
          // A hint only: the page handles its keys.
          ...(item.accelerator !== undefined ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
        },
  );
}

/** Registers the handler; returns the undo. */
export function bindContextMenu({
  ipcMain,
  Menu,
  getWindow,
  getContents,
  isAppUrl,
  later = (run, ms) => void setTimeout(run, ms),
}: ContextMenuOptions): () => void {
  ipcMain.handle(CONTEXT_MENU_CHANNEL, (event: IpcMainInvokeEvent, request: unknown) => {
    if (!isTrustedSender(event, getContents(), isAppUrl)) return null;
    const parsed = nativeMenuSchema.safeParse(request);
    const window = getWindow();
    if (!parsed.success || window === null) return null;
    const { x, y } = parsed.data;
    return new Promise<string | null>((resolve) => {
      const menu = Menu.buildFromTemplate(contextMenuTemplate(parsed.data, resolve));
      menu.popup({ window, x, y, callback: () => later(() => resolve(null), CLOSE_GRACE_MS) });
    });
  });
  return () => ipcMain.removeHandler(CONTEXT_MENU_CHANNEL);
}
