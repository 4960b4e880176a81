/**
 * The virtualised object grid. Only the rows in view (plus ~10) exist in the DOM, each a
 * fixed height, so 100,000 entries scroll as smoothly as 100. The grid keeps DOM focus and
 * points at the focused row with aria-activedescendant.
 */
import { memo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectEntry } from '../../../shared/models';
import { useApp, useAppStore, selectVisibleRows } from '../store';
import { formatDate, formatSize } from '../view-model/format';
import { rowIndex, type SortColumn } from '../view-model/rows-view';
import { type FileDrop } from './file-drop';
import { onPlaceMenu } from './ContextMenuTriggers';
import { GridFrame, GridRow, NameCell } from './GridFrame';
import { FileIcon, FolderIcon } from './Icons';
import { useGridVirtualizer } from './grid-virtualizer';
import { objectItemProps, useObjectItemHandlers, type ObjectItemHandlers } from './object-item';
import { onObjectListKey } from './object-keys';
import { cx } from './cx';
import gridStyles from './GridFrame.module.css';

/** Labelled `browser:column.<id>`. */
const COLUMNS: { id: SortColumn; cell: string | undefined }[] = [
  { id: 'name', cell: gridStyles.cellName },
  { id: 'size', cell: gridStyles.cellSize },
  { id: 'lastModified', cell: gridStyles.cellDate },
  { id: 'storageClass', cell: gridStyles.cellClass },
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
  handlers: ObjectItemHandlers;
}

const Row = memo(function Row({ entry, index, start, selected, focused, showKey, dropTarget, handlers }: RowProps) {
  useTranslation(); // a memoised row re-renders when the language (its size and date formats) changes
  return (
    <GridRow
      id={`object-row-${index}`}
      index={index}
      start={start}
      selected={selected}
      focused={focused}
      className={dropTarget ? gridStyles.isDropTarget : undefined}
      {...objectItemProps(entry, handlers)}
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
  const { t } = useTranslation('browser');

  const handlers = useObjectItemHandlers(store);
  const shownPrefix = useApp((s) => s.objects.location?.prefix ?? null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => onObjectListKey(store, event, pageRows());

  const items = virtualizer.getVirtualItems();
  return (
    <GridFrame
      dropTarget={drop.dropTarget !== null && drop.dropTarget === shownPrefix}
      label={t('objects')}
      rowCount={rows.length}
      columnCount={COLUMNS.length}
      multiselectable
      busy={loading}
      activeRowId={focusedIndex >= 0 ? `object-row-${focusedIndex}` : undefined}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => onPlaceMenu(store, event)}
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
              {t(`column.${c.id}`)}
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
            handlers={handlers}
          />
        );
      })}
    </GridFrame>
  );
}
