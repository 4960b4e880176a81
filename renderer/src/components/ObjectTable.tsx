/**
 * The virtualised object grid. Only the rows in view (plus ~10) exist in the DOM, each a
 * fixed height, so 100,000 entries scroll as smoothly as 100. The grid keeps DOM focus and
 * points at the focused row with aria-activedescendant.
 */
import { memo, useCallback, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { ObjectEntry } from '../../../shared/models';
import { useApp, useAppStore, selectVisibleRows } from '../store';
import { formatDate, formatSize } from '../view-model/format';
import { rowIndex, type SortColumn } from '../view-model/rows-view';
import { keyFocusTarget } from '../view-model/selection';
import { FOLDER_DROP_ATTRIBUTE, dragOutSupported, startRowDragOut, type FileDrop } from './file-drop';
import { GridFrame, GridRow, NameCell } from './GridFrame';
import { FileIcon, FolderIcon } from './Icons';
import { hasSelectModifier, rowClick, useGridVirtualizer } from './grid-virtualizer';
import { cx } from './cx';
import gridStyles from './GridFrame.module.css';

const COLUMNS: { id: SortColumn; label: string; cell: string | undefined }[] = [
  { id: 'name', label: 'Name', cell: gridStyles.cellName },
  { id: 'size', label: 'Size', cell: gridStyles.cellSize },
  { id: 'lastModified', label: 'Last modified', cell: gridStyles.cellDate },
  { id: 'storageClass', label: 'Storage class', cell: gridStyles.cellClass },
];

interface RowProps {
  entry: ObjectEntry;
  index: number;
  start: number;
  selected: boolean;
  focused: boolean;
  showKey: boolean;
  /** Files dragged over this folder row would be uploaded into it. */
  dropTarget: boolean;
  /** Electron: the row can be dragged out to the file manager. */
  draggable: boolean;
  onMouseDown: (event: MouseEvent, key: string) => void;
  onDoubleClick: (key: string) => void;
  onDragStart: (event: DragEvent, key: string) => void;
}

const Row = memo(function Row({
  entry,
  index,
  start,
  selected,
  focused,
  showKey,
  dropTarget,
  draggable,
  onMouseDown,
  onDoubleClick,
  onDragStart,
}: RowProps) {
  return (
    <GridRow
      id={`object-row-${index}`}
      index={index}
      start={start}
      selected={selected}
      focused={focused}
      className={dropTarget ? gridStyles.isDropTarget : undefined}
      {...(entry.kind === 'folder' ? { [FOLDER_DROP_ATTRIBUTE]: entry.key } : {})}
      draggable={draggable && entry.kind === 'object' ? true : undefined}
      onDragStart={draggable ? (e) => onDragStart(e, entry.key) : undefined}
      onMouseDown={(e) => onMouseDown(e, entry.key)}
      onDoubleClick={() => onDoubleClick(entry.key)}
    >
      <NameCell
        icon={entry.kind === 'folder' ? <FolderIcon /> : <FileIcon />}
        text={showKey ? entry.key : entry.name}
      />
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellSize)}>
        {entry.kind === 'folder' ? '—' : formatSize(entry.size)}
      </div>
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellDate)}>
        {formatDate(entry.lastModified)}
      </div>
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellClass)}>
        {entry.storageClass ?? ''}
      </div>
    </GridRow>
  );
});

/** `drop`: the list's file drop zone (its live message is rendered by the browser pane, outside the grid). */
export function ObjectTable({ emptyMessage, drop }: { emptyMessage: string | null; drop: FileDrop }) {
  const store = useAppStore();
  const rows = useApp(selectVisibleRows);
  const sort = useApp((s) => s.objects.sort);
  const selected = useApp((s) => s.objects.selected);
  const focused = useApp((s) => s.objects.focused);
  const searching = useApp((s) => s.objects.search !== null);
  const loading = useApp((s) => s.objects.search?.running ?? s.objects.loading);
  const focusedIndex = rowIndex(rows, focused);
  const { scrollRef, virtualizer, pageRows } = useGridVirtualizer(rows.length, focusedIndex);

  const objects = () => store.getState().objects;

  const onMouseDown = useCallback(
    (event: MouseEvent, key: string) => {
      const click = rowClick(event);
      if (click !== null) store.getState().objects.click(key, click);
    },
    [store],
  );
  const onDoubleClick = useCallback((key: string) => store.getState().objects.activate(key), [store]);
  const onDragStart = useCallback((event: DragEvent, key: string) => startRowDragOut(store, key, event), [store]);
  const shownPrefix = useApp((s) => s.objects.location?.prefix ?? null);
  const draggable = dragOutSupported();

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.target !== event.currentTarget) return; // keys on the header buttons are theirs
    const o = objects();
    const mod = hasSelectModifier(event);
    const page = pageRows();
    const handled = (() => {
      if (event.key === 'ArrowUp' && event.altKey) {
        o.up();
        return true;
      }
      const target = keyFocusTarget(event.key, page);
      if (target !== null) {
        o.moveFocus(target, event.shiftKey);
        return true;
      }
      switch (event.key) {
        case 'Enter':
          if (o.focused !== null) o.activate(o.focused);
          return true;
        case 'Backspace':
          if (o.search === null) o.up();
          return true;
        case 'Delete': {
          const keys = o.selected.size > 0 ? [...o.selected] : o.focused !== null ? [o.focused] : [];
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

  const items = virtualizer.getVirtualItems();
  return (
    <GridFrame
      dropTarget={drop.dropTarget !== null && drop.dropTarget === shownPrefix}
      label="Objects"
      rowCount={rows.length}
      columnCount={COLUMNS.length}
      multiselectable
      busy={loading}
      activeRowId={focusedIndex >= 0 ? `object-row-${focusedIndex}` : undefined}
      onKeyDown={onKeyDown}
      drop={drop}
      columns={COLUMNS.map((c) => {
        const active = sort.column === c.id;
        return (
          <div
            key={c.id}
            role="columnheader"
            className={cx(gridStyles.cell, c.cell)}
            aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button
              type="button"
              className={cx(gridStyles.sortButton, active && gridStyles.isActive)}
              onClick={() => objects().setSort(c.id)}
            >
              {c.label}
              <span
                className={cx(
                  gridStyles.sortArrow,
                  active && (sort.direction === 'asc' ? gridStyles.isAsc : gridStyles.isDesc),
                )}
                aria-hidden="true"
              />
            </button>
          </div>
        );
      })}
      scrollRef={scrollRef}
      totalSize={virtualizer.getTotalSize()}
      emptyMessage={emptyMessage}
    >
      {items.map((item) => {
        const entry = rows[item.index];
        if (entry === undefined) return null;
        return (
          <Row
            key={entry.key}
            entry={entry}
            index={item.index}
            start={item.start}
            selected={selected.has(entry.key)}
            focused={item.index === focusedIndex}
            showKey={searching}
            dropTarget={entry.kind === 'folder' && drop.dropTarget === entry.key}
            draggable={draggable}
            onMouseDown={onMouseDown}
            onDoubleClick={onDoubleClick}
            onDragStart={onDragStart}
          />
        );
      })}
    </GridFrame>
  );
}
