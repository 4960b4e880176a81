/**
 * The ARIA grid around a virtualised list, shared by the object, version and QuickSync grids: the
 * focusable grid (keys, drops, the focused row as aria-activedescendant), its header row, the
 * scrolling body with the rows or the empty message, and the drop hint.
 */
import type { HTMLAttributes, KeyboardEvent, MouseEvent, ReactNode, RefObject } from 'react';
import type { FileDrop } from './file-drop';
import { cx } from './cx';
import styles from './GridFrame.module.css';

export interface GridFrameProps {
  /** The grid's variant (its columns), from this module. */
  className?: string;
  /** Files dragged over the grid would be uploaded to what it lists. */
  dropTarget: boolean;
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
  /** Right-click outside the rows (rows have their own menu): the menu of what the grid lists. */
  onContextMenu?: (event: MouseEvent<HTMLDivElement>) => void;
  drop: FileDrop;
  /** The column headers (none: no header row, as in the object list's grid view of tiles). */
  columns?: ReactNode;
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
  dropTarget,
  label,
  rowCount,
  columnCount,
  multiselectable,
  busy,
  activeRowId,
  onKeyDown,
  onContextMenu,
  drop,
  columns,
  scrollRef,
  totalSize,
  emptyMessage,
  children,
}: GridFrameProps) {
  return (
    <div
      className={cx(styles.grid, className, dropTarget && styles.isDropTarget)}
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + (columns === undefined ? 0 : 1)}
      aria-colcount={columnCount}
      aria-multiselectable={multiselectable ? 'true' : undefined}
      aria-busy={busy}
      aria-activedescendant={activeRowId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
      {...drop.handlers}
    >
      {columns !== undefined && (
        <div role="rowgroup" className={styles.gridHead}>
          <div role="row" aria-rowindex={1} className={cx(styles.gridRow, styles.gridHeadRow)}>
            {columns}
          </div>
        </div>
      )}
      <div ref={scrollRef} className={styles.gridBody} role="rowgroup">
        {rowCount === 0 && emptyMessage !== null ? (
          <div className={styles.gridEmpty}>{emptyMessage}</div>
        ) : (
          <div className={styles.gridCanvas} style={{ height: totalSize }}>
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

export interface GridRowProps extends HTMLAttributes<HTMLDivElement> {
  /** The row's place in the data (0-based; the header row is 1 in aria-rowindex). */
  index: number;
  /** The virtualizer's offset of the row. */
  start: number;
  selected: boolean;
  focused: boolean;
}

/** A data row of a grid, positioned by the virtualizer; `className` adds the grid's own row states. */
export function GridRow({ index, start, selected, focused, className, children, ...rest }: GridRowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={cx(
        styles.gridRow,
        selected && styles.isSelected,
        focused && styles.isFocused,
        index % 2 === 1 && styles.isOdd,
        className,
      )}
      style={{ transform: `translateY(${start}px)` }}
      {...rest}
    >
      {children}
    </div>
  );
}

/** The first cell: the item's icon and name (the full name as its tooltip). */
export function NameCell({ icon, text, title = text }: { icon: ReactNode; text: string; title?: string }) {
  return (
    <div role="gridcell" className={cx(styles.cell, styles.cellName)}>
      {icon}
      <span className={styles.cellText} title={title}>
        {text}
      </span>
    </div>
  );
}

/** A column header without sorting; `cell` is the column's cell class. */
export function ColumnLabel({ label, cell }: { label: string; cell?: string | undefined }) {
  return (
    <div role="columnheader" className={cx(styles.cell, cell, styles.columnLabel)}>
      {label}
    </div>
  );
}
