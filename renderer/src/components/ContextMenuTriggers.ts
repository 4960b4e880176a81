/**
 * Where menus open from: right-click at the pointer, and the context-menu key or Shift+F10 at
 * the focused row or control. Chromium also fires `contextmenu` for those keys (on the element
 * that has the focus by then): while a menu is up that event is only swallowed, so the key
 * never opens a second menu nor the browser's own.
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import type { MenuTarget } from '../actions/types';
import type { AppStore } from '../store';
import { actedOn } from '../view-model/selection';
import { menuIsOpen, openContextMenu, type Point } from './ContextMenu';
import { targetKeys } from './quicksync-actions';

/** The context-menu key, or Shift+F10. */
export function isMenuKey(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}

/** Where a keyboard-opened menu appears: under the start of this element. */
export function pointAt(element: Element | null): Point {
  const rect = element?.getBoundingClientRect();
  return rect === undefined ? { x: 0, y: 0 } : { x: rect.left + 24, y: rect.top + rect.height };
}

/**
 * The `contextmenu` event as ours: no browser menu. False when it should open nothing (a menu
 * is already up: the echo of the key that opened it).
 */
export function claimContextMenu(event: MouseEvent): boolean {
  event.preventDefault();
  event.stopPropagation();
  return !menuIsOpen();
}

/** The selected objects, else the focused one (what the toolbar acts on too). */
export function objectTargetKeys(store: AppStore): string[] {
  return actedOn(store.getState().objects);
}

/** Right-click on an object row: one outside the selection is selected first (as Finder does). */
export function onObjectRowMenu(store: AppStore, event: MouseEvent, key: string): void {
  if (!claimContextMenu(event)) return;
  const objects = store.getState().objects;
  if (!objects.selected.has(key)) objects.click(key);
  openContextMenu(store, { kind: 'objects', keys: objectTargetKeys(store) }, pointerPoint(event), false);
}

/** Right-click on the list's empty area: the folder shown. */
export function onPlaceMenu(store: AppStore, event: MouseEvent): void {
  if (!claimContextMenu(event)) return;
  if (store.getState().objects.location === null) return;
  openContextMenu(store, { kind: 'place' }, pointerPoint(event), false);
}

/**
 * The menu key on an object list (table or grid view): the selection's menu at the focused row
 * (the list's aria-activedescendant), else the folder's.
 */
export function openObjectListMenu(store: AppStore, list: HTMLElement): void {
  const keys = objectTargetKeys(store);
  if (keys.length === 0) {
    if (store.getState().objects.location !== null) openContextMenu(store, { kind: 'place' }, pointAt(list), true);
    return;
  }
  openContextMenu(store, { kind: 'objects', keys }, focusedRowPoint(list), true);
}

/** Right-click on a QuickSync file row: as on an object row. */
export function onFileRowMenu(store: AppStore, event: MouseEvent, fileKey: string): void {
  if (!claimContextMenu(event)) return;
  const files = store.getState().quicksync;
  if (!files.selected.has(fileKey)) files.click(fileKey);
  openContextMenu(store, { kind: 'files', fileKeys: targetKeys(store) }, pointerPoint(event), false);
}

/** The menu key on the QuickSync file list: the selection's menu at the focused row. */
export function openFileListMenu(store: AppStore, list: HTMLElement): void {
  const fileKeys = targetKeys(store);
  if (fileKeys.length > 0) openContextMenu(store, { kind: 'files', fileKeys }, focusedRowPoint(list), true);
}

/** Under the list's focused row (its aria-activedescendant), else under the list's start. */
function focusedRowPoint(list: HTMLElement): Point {
  const rowId = list.getAttribute('aria-activedescendant');
  const row = rowId === null ? null : document.getElementById(rowId);
  return pointAt(row ?? list);
}

/**
 * Right-click and the menu key on one control (a sidebar bucket or account, a transfer row):
 * spread the result on the element.
 */
export function menuTriggerProps(store: AppStore, target: () => MenuTarget) {
  return {
    onContextMenu: (event: MouseEvent<HTMLElement>) => {
      if (claimContextMenu(event)) openContextMenu(store, target(), pointerPoint(event), false);
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (!isMenuKey(event)) return;
      event.preventDefault();
      openContextMenu(store, target(), pointAt(event.currentTarget), true);
    },
  };
}

const pointerPoint = (event: MouseEvent): Point => ({ x: event.clientX, y: event.clientY });
