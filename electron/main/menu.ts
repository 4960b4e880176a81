import type { MenuItemConstructorOptions } from 'electron';
import type { NativeStrings } from '../../shared/native-strings';

/**
 * A minimal menu: the standard roles give keyboard shortcuts for editing fields (copy,
 * paste, select all) and window handling on every platform. Electron labels the roles itself;
 * the two menus of our own take their labels from the page's catalogue (native-strings.ts).
 */
export function menuTemplate(
  platform: NodeJS.Platform,
  appName: string,
  dev: boolean,
  labels: Pick<NativeStrings, 'fileMenu' | 'viewMenu'>,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (dev) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  return [
    ...(mac ? [{ label: appName, role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: labels.fileMenu, submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: labels.viewMenu, submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
}
