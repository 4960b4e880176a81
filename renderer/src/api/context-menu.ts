/**
 * Native context menus: the Electron host shows the menu itself (Menu.popup) and answers with
 * the chosen item's id; the browser host has none (the page draws its own menu).
 */
import type { NativeMenu } from '../../../shared/context-menu';
import { getApi } from './bridge';

/** Shows the menu natively and resolves with the chosen id (null: dismissed); null when the host cannot. */
export function showNativeMenu(menu: NativeMenu): Promise<string | null> | null {
  const api = getApi();
  return api.showContextMenu === undefined ? null : api.showContextMenu(menu);
}
