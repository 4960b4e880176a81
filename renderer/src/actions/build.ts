/**
 * From the one definition (menus.ts) to what is drawn: the entries of a target's menu with
 * labels translated and reasons resolved, and their native form for the Electron host.
 */
import type { NativeMenu, NativeMenuItem } from '../../../shared/context-menu';
import type { AppStore } from '../store';
import { MENUS } from './menus';
import { SEPARATOR, type ActionContext, type MenuEntry, type MenuSpec, type MenuTarget, type Translate } from './types';

function countOf(target: MenuTarget): number {
  if (target.kind === 'objects') return target.keys.length;
  if (target.kind === 'files') return target.fileKeys.length;
  return 1;
}

/** The entries of the target's menu, as of now. */
export function buildMenu(store: AppStore, target: MenuTarget, t: Translate): MenuEntry[] {
  const c = { target, state: store.getState(), store, t } as ActionContext;
  const spec = MENUS[target.kind] as MenuSpec<MenuTarget['kind']>;
  const count = countOf(target);
  const entries: MenuEntry[] = [];
  for (const item of spec) {
    if (item === SEPARATOR) {
      // No doubled or leading separators (items left out can leave them behind).
      if (entries.length > 0 && entries.at(-1)?.type !== 'separator') entries.push({ type: 'separator' });
      continue;
    }
    if (item.shown !== undefined && !item.shown(c)) continue;
    const why = item.disabled?.(c) ?? null;
    entries.push({
      type: 'item',
      id: item.id,
      label: t(item.label, { count }),
      reason: why === null ? null : t(why.key, why.values),
      shortcut: item.shortcut,
      danger: item.danger === true,
      run: () => void item.run(c),
    });
  }
  if (entries.at(-1)?.type === 'separator') entries.pop();
  return entries;
}

/** Runs the entry with this id when it is there and enabled (the native menu's answer). */
export function runEntry(entries: readonly MenuEntry[], id: string | null): boolean {
  const entry = entries.find((e) => e.type === 'item' && e.id === id);
  if (entry?.type !== 'item' || entry.reason !== null) return false;
  entry.run();
  return true;
}

/**
 * The native menu: a disabled item's reason goes into its label ("Share link… — Folders have
 * no share link"), since Linux and Windows menus have no tooltips.
 */
export function toNativeMenu(entries: readonly MenuEntry[], point: { x: number; y: number }): NativeMenu {
  const items = entries.map((e): NativeMenuItem =>
    e.type === 'separator'
      ? { type: 'separator' }
      : {
          type: 'item',
          id: e.id,
          label: e.reason === null ? e.label : `${e.label} — ${e.reason}`,
          enabled: e.reason === null,
          ...(e.shortcut !== undefined ? { accelerator: e.shortcut } : {}),
        },
  );
  return { items, x: Math.max(0, Math.round(point.x)), y: Math.max(0, Math.round(point.y)) };
}
