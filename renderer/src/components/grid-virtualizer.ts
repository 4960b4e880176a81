/**
 * The virtualised row setup shared by the object, version and QuickSync grids: fixed-height
 * rows, a scroll body the virtualizer measures, the focused row kept in view, and the number of
 * rows a PageUp/PageDown moves by.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type MouseEvent } from 'react';
import type { ClickModifiers } from '../view-model/selection';

export const ROW_HEIGHT = 28;
const OVERSCAN = 10;

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * `focusedIndex`: the focused row, or -1; it is scrolled into view whenever it changes.
 * `rowHeight`: the grid view's rows of tiles are taller than a table row.
 */
export function useGridVirtualizer(count: number, focusedIndex: number, rowHeight = ROW_HEIGHT) {
  const scrollRef = useRef<HTMLDivElement>(null);

  // TanStack Virtual keeps mutable state React Compiler cannot track; we do not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
  });

  useEffect(() => {
    if (focusedIndex >= 0) virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
  }, [virtualizer, focusedIndex]);

  /** Rows a page key moves by: one less than fit in view, so the last row stays in sight. */
  const pageRows = (): number =>
    Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);

  return { scrollRef, virtualizer, pageRows };
}

/** The platform's "add to selection" modifier: Cmd on macOS, Ctrl elsewhere. */
export function hasSelectModifier(event: { metaKey: boolean; ctrlKey: boolean }): boolean {
  return isMac ? event.metaKey : event.ctrlKey;
}

/**
 * A row mouse-down as a selection click: shift extends the range, the select modifier toggles.
 * Null for other buttons, which leave the selection alone.
 */
export function rowClick(event: MouseEvent): ClickModifiers | null {
  if (event.button !== 0) return null;
  if (event.shiftKey) event.preventDefault(); // no text selection on shift-click
  return { range: event.shiftKey, toggle: hasSelectModifier(event) };
}
