/**
 * The object list's keyboard, the same in the table and the grid view: arrows, pages, Home/End
 * move the focus (Shift extends the selection), Enter opens, Space previews, Backspace and Alt+Up go up, Delete,
 * F2, Escape, select-all and the context-menu key (or Shift+F10). In the grid, `across` items
 * make a row: Left/Right move by one, Up/Down and the page keys by rows.
 */
import type { KeyboardEvent } from 'react';
import type { AppStore } from '../store';
import { actedOn, keyFocusTarget, type FocusTarget } from '../view-model/selection';
import { isMenuKey, openObjectListMenu } from './ContextMenuTriggers';
import { hasSelectModifier } from './grid-virtualizer';

/** Where a key moves the focus in a list `across` items wide showing `page` rows at once. */
function focusTarget(key: string, page: number, across: number): FocusTarget | null {
  if (across > 1 && (key === 'ArrowLeft' || key === 'ArrowRight')) return { by: key === 'ArrowLeft' ? -1 : 1 };
  const target = keyFocusTarget(key, page);
  return target === null || typeof target === 'string' ? target : { by: target.by * across };
}

/** Handles the key on the list (preventing its default) when it is one of the list's keys. */
export function onObjectListKey(store: AppStore, event: KeyboardEvent<HTMLElement>, page: number, across = 1): void {
  if (event.target !== event.currentTarget) return; // keys on the header buttons are theirs
  const o = store.getState().objects;
  const mod = hasSelectModifier(event);
  const handled = (() => {
    if (event.key === 'ArrowUp' && event.altKey) {
      o.up();
      return true;
    }
    if (isMenuKey(event)) {
      openObjectListMenu(store, event.currentTarget);
      return true;
    }
    const target = focusTarget(event.key, page, across);
    if (target !== null) {
      o.moveFocus(target, event.shiftKey);
      return true;
    }
    switch (event.key) {
      case 'Enter':
        if (o.focused !== null) o.activate(o.focused);
        return true;
      case ' ':
        // Quick Look on the focused file (folders have no preview).
        if (o.focused === null || o.focused.endsWith('/')) return false;
        void store.getState().preview.open(o.focused);
        return true;
      case 'Backspace':
        if (o.search === null) o.up();
        return true;
      case 'Delete': {
        const keys = actedOn(o);
        if (keys.length > 0) store.getState().ui.openDialog({ kind: 'deleteObjects', keys });
        return true;
      }
      case 'F2':
        if (o.focused !== null) store.getState().ui.openDialog({ kind: 'rename', key: o.focused });
        return true;
      case 'Escape':
        if (o.search !== null) o.clearSearch();
        else o.clearSelection();
        return true;
      case 'a':
      case 'A':
        if (!mod) return false;
        o.selectAll();
        return true;
      default:
        return false;
    }
  })();
  if (handled) event.preventDefault();
}
