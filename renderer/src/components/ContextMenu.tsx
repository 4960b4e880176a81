/**
 * Opening a context menu and drawing it in the page. In Electron the entries go to the main
 * process as a native menu (Menu.popup) and the chosen one runs here; in the browser host the
 * page draws them with Radix's dropdown menu (role=menu: arrow keys, Home/End, typeahead,
 * Enter/Space, Escape) anchored at the point. `modal={false}`: the modal mode injects an inline
 * <style>, which our CSP refuses. Focus goes back to where it was before the chosen item runs,
 * so a dialog it opens keeps the focus.
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useId, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { buildMenu, runEntry, toNativeMenu } from '../actions/build';
import type { MenuEntry, MenuTarget } from '../actions/types';
import { showNativeMenu } from '../api';
import { i18n } from '../i18n';
import type { AppStore } from '../store';
import { cx } from './cx';
import styles from './ContextMenu.module.css';

export interface Point {
  x: number;
  y: number;
}

interface OpenMenu {
  entries: MenuEntry[];
  at: Point;
  /** Opened by keyboard: the first item takes the focus (else the menu itself). */
  byKeyboard: boolean;
  /** What had the focus when the menu opened; it gets it back on close. */
  returnFocus: HTMLElement | null;
  /** A new number per opening, so a menu opened over another one starts fresh. */
  serial: number;
}

let shown: OpenMenu | null = null;
/** A native menu is up (its answer has not come back yet). */
let nativeOpen = false;
let serial = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
function setShown(menu: OpenMenu | null): void {
  shown = menu;
  for (const listener of listeners) listener();
}

/** True while a menu is up: a `contextmenu` event then is the echo of the key that opened it. */
export function menuIsOpen(): boolean {
  return shown !== null || nativeOpen;
}

const translate = (key: string, values?: Record<string, string | number>): string =>
  i18n.t(key, { ns: 'menu', ...values });

/** Opens the target's menu at the point (window coordinates). */
export function openContextMenu(store: AppStore, target: MenuTarget, at: Point, byKeyboard: boolean): void {
  const entries = buildMenu(store, target, translate);
  if (entries.length === 0) return;
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const native = showNativeMenu(toNativeMenu(entries, at));
  if (native === null) {
    setShown({ entries, at, byKeyboard, returnFocus, serial: ++serial });
    return;
  }
  nativeOpen = true;
  void native.then((id) => {
    nativeOpen = false;
    returnFocus?.focus();
    runEntry(entries, id);
  });
}

/** The in-page menu; mounted once (App). */
export function ContextMenuHost() {
  const menu = useSyncExternalStore(subscribe, () => shown);
  if (menu === null) return null;
  return <InPageMenu key={menu.serial} menu={menu} />;
}

function InPageMenu({ menu }: { menu: OpenMenu }) {
  const { t } = useTranslation('menu');
  const id = useId();
  const chosen = useRef<MenuEntry | null>(null);
  /** Dismissed by a click elsewhere: the focus stays where that click put it. */
  const clickedOutside = useRef(false);
  const movedIn = useRef(false);
  const close = () => setShown(null);
  return (
    <DropdownMenu.Root open modal={false} onOpenChange={(open) => !open && close()}>
      <DropdownMenu.Trigger asChild>
        {/* The menu's anchor: a point, not a control (the menu opens from code). */}
        <span className={styles.anchor} style={{ left: menu.at.x, top: menu.at.y }} tabIndex={-1} aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className={styles.menu}
          aria-label={t('menuLabel')}
          side="bottom"
          align="start"
          sideOffset={2}
          collisionPadding={8}
          loop
          onFocus={(event) => {
            // Opened by keyboard: from the menu (focused on opening) on to its first enabled item, once.
            if (!menu.byKeyboard || event.target !== event.currentTarget || movedIn.current) return;
            movedIn.current = true;
            event.currentTarget.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus();
          }}
          onInteractOutside={() => {
            clickedOutside.current = true;
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (!clickedOutside.current) menu.returnFocus?.focus();
            // After the focus is back: a dialog the item opens takes it from there.
            if (chosen.current?.type === 'item') chosen.current.run();
          }}
          // Our menu, not the browser's, also for the key press that opened it.
          onContextMenu={(event) => event.preventDefault()}
        >
          {menu.entries.map((entry, index) =>
            entry.type === 'separator' ? (
              <DropdownMenu.Separator key={`sep-${index}`} className={styles.separator} />
            ) : (
              <DropdownMenu.Item
                key={entry.id}
                className={cx(styles.item, entry.danger && styles.danger)}
                disabled={entry.reason !== null}
                textValue={entry.label}
                aria-label={entry.label}
                aria-describedby={entry.reason !== null ? `${id}-${entry.id}` : undefined}
                onSelect={() => {
                  chosen.current = entry;
                }}
              >
                <span className={styles.label}>{entry.label}</span>
                {entry.reason !== null && (
                  <span id={`${id}-${entry.id}`} className={styles.reason}>
                    {entry.reason}
                  </span>
                )}
                {entry.shortcut !== undefined && (
                  <kbd className={styles.shortcut}>{t(`key.${entry.shortcut}`, { defaultValue: entry.shortcut })}</kbd>
                )}
              </DropdownMenu.Item>
            ),
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
