/**
 * Finder-style selection over the visible rows: click, Ctrl/Cmd-click toggles, Shift-click
 * and Shift+arrows select the range from the anchor. Selection is a Set of keys so
 * membership is O(1) for every rendered row.
 */
import { rowIndex, type KeyedRow } from './rows-view';

export interface SelectionState {
  selected: ReadonlySet<string>;
  /** Where a Shift range starts. */
  anchor: string | null;
  /** The row with the keyboard focus (shown in the details pane). */
  focused: string | null;
}

export const EMPTY_SELECTION: SelectionState = { selected: new Set(), anchor: null, focused: null };

/** What a command (toolbar, key, menu) acts on: the selection, else the focused row. */
export function actedOn({ selected, focused }: Pick<SelectionState, 'selected' | 'focused'>): string[] {
  return selected.size > 0 ? [...selected] : focused !== null ? [focused] : [];
}

export interface ClickModifiers {
  /** Shift: extend from the anchor. */
  range?: boolean;
  /** Ctrl (Cmd on macOS): toggle one row. */
  toggle?: boolean;
}

function rangeKeys(rows: readonly KeyedRow[], from: number, to: number): string[] {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  const keys: string[] = [];
  for (let i = lo; i <= hi; i++) {
    const row = rows[i];
    if (row) keys.push(row.key);
  }
  return keys;
}

export function clickRow(
  state: SelectionState,
  rows: readonly KeyedRow[],
  key: string,
  mods: ClickModifiers = {},
): SelectionState {
  const index = rowIndex(rows, key);
  if (index < 0) return state;
  if (mods.range) {
    const anchorIndex = rowIndex(rows, state.anchor ?? state.focused);
    const from = anchorIndex < 0 ? index : anchorIndex;
    const range = rangeKeys(rows, from, index);
    const selected = mods.toggle ? new Set([...state.selected, ...range]) : new Set(range);
    return { selected, anchor: rows[from]?.key ?? key, focused: key };
  }
  if (mods.toggle) {
    const selected = new Set(state.selected);
    if (selected.has(key)) selected.delete(key);
    else selected.add(key);
    return { selected, anchor: key, focused: key };
  }
  return { selected: new Set([key]), anchor: key, focused: key };
}

export type FocusTarget = { by: number } | 'first' | 'last';

/** Where a navigation key moves the focus in a list showing `page` rows at once; null for other keys. */
export function keyFocusTarget(key: string, page: number): FocusTarget | null {
  switch (key) {
    case 'ArrowDown':
      return { by: 1 };
    case 'ArrowUp':
      return { by: -1 };
    case 'PageDown':
      return { by: page };
    case 'PageUp':
      return { by: -page };
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

/** Arrow keys, Home and End; `extend` (Shift) selects from the anchor to the new row. */
export function moveFocus(
  state: SelectionState,
  rows: readonly KeyedRow[],
  target: FocusTarget,
  extend: boolean,
): SelectionState {
  if (rows.length === 0) return state;
  const current = rowIndex(rows, state.focused);
  let next: number;
  if (target === 'first') next = 0;
  else if (target === 'last') next = rows.length - 1;
  else if (current < 0) next = target.by > 0 ? 0 : rows.length - 1;
  else next = Math.max(0, Math.min(rows.length - 1, current + target.by));
  const key = (rows[next] as KeyedRow).key;
  if (extend) {
    const anchorIndex = rowIndex(rows, state.anchor ?? state.focused);
    const from = anchorIndex < 0 ? next : anchorIndex;
    return { selected: new Set(rangeKeys(rows, from, next)), anchor: rows[from]?.key ?? key, focused: key };
  }
  return { selected: new Set([key]), anchor: key, focused: key };
}

export function selectAll(state: SelectionState, rows: readonly KeyedRow[]): SelectionState {
  const first = rows[0]?.key ?? null;
  return { selected: new Set(rows.map((r) => r.key)), anchor: state.anchor ?? first, focused: state.focused ?? first };
}

/** Keeps only keys that are still present (after a refresh or a filter change). */
export function pruneSelection(state: SelectionState, rows: readonly KeyedRow[]): SelectionState {
  const present = (k: string | null): string | null => (k !== null && rowIndex(rows, k) >= 0 ? k : null);
  const selected = new Set([...state.selected].filter((k) => rowIndex(rows, k) >= 0));
  if (
    selected.size === state.selected.size &&
    present(state.focused) === state.focused &&
    present(state.anchor) === state.anchor
  )
    return state;
  return { selected, anchor: present(state.anchor), focused: present(state.focused) };
}

/** Selected rows in display order (for dialogs that list what will be affected). */
export function selectedInOrder<T extends KeyedRow>(rows: readonly T[], selected: ReadonlySet<string>): T[] {
  if (selected.size === 0) return [];
  return rows.filter((r) => selected.has(r.key));
}
