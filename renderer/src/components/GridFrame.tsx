/**
 * The ARIA grid around a virtualised list, shared by the object, version and QuickSync grids: the
 * focusable grid (keys, drops, the focused row as aria-activedescendant), its header row, the
 * scrolling body with the rows or the empty message, and the drop hint.
 */
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import type { FileDrop } from './file-drop';

export interface GridFrameProps {
  className: string;
  /** The grid's accessible name. */
  label: string;
  /** Data rows (the header row is counted on top). */
  rowCount: number;
  columnCount: number;
  multiselectable?: boolean;
  busy: boolean;
  /** The focused row's element id. */
  activeRowId: string | undefined;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  drop: FileDrop;
  /** The column headers. */
  columns: ReactNode;
  /** The virtualizer's scroll element. */
  scrollRef: RefObject<HTMLDivElement | null>;
  /** The virtualizer's total height. */
  totalSize: number;
  /** Shown instead of the rows when there are none (null: an empty body). */
  emptyMessage: string | null;
  /** The rendered rows, positioned in the canvas. */
  children: ReactNode;
}

export function GridFrame({
  className,
  label,
  rowCount,
  columnCount,
  multiselectable,
  busy,
  activeRowId,
  onKeyDown,
  drop,
  columns,
  scrollRef,
  totalSize,
  emptyMessage,
  children,
}: GridFrameProps) {
  return (
    <div
      className={className}
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columnCount}
      aria-multiselectable={multiselectable ? 'true' : undefined}
      aria-busy={busy}
      aria-activedescendant={activeRowId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      {...drop.handlers}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row grid-head-row">
          {columns}
        </div>
      </div>
      <div ref={scrollRef} className="grid-body" role="rowgroup">
        {rowCount === 0 && emptyMessage !== null ? (
          <div className="grid-empty">{emptyMessage}</div>
        ) : (
          <div className="grid-canvas" style={{ height: totalSize }}>
            {children}
          </div>
        )}
      </div>
      {drop.hint !== null && (
        <div className="drop-hint" aria-hidden="true">
          {drop.hint}
        </div>
      )}
    </div>
  );
}
