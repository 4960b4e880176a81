/**
 * A QuickSync account's files as a virtualised grid, like the object grid: name, size, parts
 * and state; while incomplete uploads are shown, each of those rows offers Resume and Delete.
 * The grid keeps DOM focus and points at the focused row with aria-activedescendant.
 */
import { memo, useCallback, useId, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { selectFileRows, useApp, useAppStore } from '../store';
import { formatCount, formatSize } from '../view-model/format';
import type { QuickSyncFile } from '../../../shared/quicksync';
import { fileState, resumeProblem, type QuickSyncRow } from '../view-model/quicksync-files';
import { rowIndex } from '../view-model/rows-view';
import { keyFocusTarget } from '../view-model/selection';
import type { FileDrop } from './file-drop';
import { isMenuKey, onFileRowMenu, openFileListMenu } from './ContextMenuTriggers';
import { ColumnLabel, GridFrame, GridRow, NameCell } from './GridFrame';
import { FileIcon } from './Icons';
import { hasSelectModifier, rowClick, useGridVirtualizer } from './grid-virtualizer';
import { openDelete, openDownload, targetKeys } from './quicksync-actions';
import { cx } from './cx';
import gridStyles from './GridFrame.module.css';

/** [column id (labelled `quicksync:column.<id>`), cell class]. */
const COLUMNS: [string, string | undefined][] = [
  ['name', gridStyles.cellName],
  ['size', gridStyles.cellSize],
  ['parts', gridStyles.cellParts],
  ['state', gridStyles.cellState],
];
const ACTIONS_COLUMN: [string, string | undefined] = ['actions', gridStyles.cellActions];

/** Resume and Delete of an incomplete upload (in its row and in the details pane). */
export function IncompleteActions({ file }: { file: QuickSyncFile }) {
  const store = useAppStore();
  const problem = resumeProblem(file);
  const hintId = useId();
  const { t } = useTranslation('quicksync');
  return (
    <span className={gridStyles.fileActions}>
      <button
        type="button"
        className="button button-small"
        aria-label={t('resume.named', { name: file.name })}
        aria-describedby={problem !== null ? hintId : undefined}
        title={problem ?? t('resume.hint')}
        disabled={problem !== null}
        onClick={() => void store.getState().quicksync.resume(file)}
      >
        {t('resume.button')}
      </button>
      <button
        type="button"
        className="button button-small danger"
        aria-label={t('common:deleteNamed', { name: file.name })}
        onClick={() => openDelete(store, [file.fileKey])}
      >
        {t('common:action.delete')}
      </button>
      {problem !== null && (
        <span id={hintId} className="visually-hidden">
          {problem}
        </span>
      )}
    </span>
  );
}

interface RowProps {
  file: QuickSyncRow;
  index: number;
  start: number;
  selected: boolean;
  focused: boolean;
  actions: boolean;
  onMouseDown: (event: MouseEvent, key: string) => void;
  onDoubleClick: (key: string) => void;
  onContextMenu: (event: MouseEvent, key: string) => void;
}

const Row = memo(function Row({
  file,
  index,
  start,
  selected,
  focused,
  actions,
  onMouseDown,
  onDoubleClick,
  onContextMenu,
}: RowProps) {
  useTranslation(); // a memoised row re-renders when the language (its state, its size's format) changes
  return (
    <GridRow
      id={`file-row-${index}`}
      index={index}
      start={start}
      selected={selected}
      focused={focused}
      className={file.completed ? undefined : gridStyles.isIncomplete}
      onMouseDown={(e) => onMouseDown(e, file.fileKey)}
      onDoubleClick={() => onDoubleClick(file.fileKey)}
      onContextMenu={(e) => onContextMenu(e, file.fileKey)}
    >
      <NameCell icon={<FileIcon />} text={file.name} />
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellSize)}>
        {formatSize(file.size)}
      </div>
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellParts)}>
        {formatCount(file.totalParts)}
      </div>
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellState)}>
        {fileState(file)}
      </div>
      {actions && (
        <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellActions)}>
          {!file.completed && <IncompleteActions file={file} />}
        </div>
      )}
    </GridRow>
  );
});

export function QuickSyncTable({ emptyMessage, drop }: { emptyMessage: string | null; drop: FileDrop }) {
  const store = useAppStore();
  const rows = useApp(selectFileRows);
  const selected = useApp((s) => s.quicksync.selected);
  const focused = useApp((s) => s.quicksync.focused);
  const loading = useApp((s) => s.quicksync.loading);
  const actions = useApp((s) => s.quicksync.showIncomplete);
  const { t } = useTranslation('quicksync');
  const focusedIndex = rowIndex(rows, focused);
  const { scrollRef, virtualizer, pageRows } = useGridVirtualizer(rows.length, focusedIndex);

  const onMouseDown = useCallback(
    (event: MouseEvent, key: string) => {
      const click = rowClick(event);
      if (click !== null) store.getState().quicksync.click(key, click);
    },
    [store],
  );
  const onDoubleClick = useCallback((key: string) => openDownload(store, [key]), [store]);
  const onRowMenu = useCallback((event: MouseEvent, key: string) => onFileRowMenu(store, event, key), [store]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.target !== event.currentTarget) return; // keys on the row buttons are theirs
    const q = store.getState().quicksync;
    const mod = hasSelectModifier(event);
    const page = pageRows();
    const target = keyFocusTarget(event.key, page);
    const handled = (() => {
      if (isMenuKey(event)) {
        openFileListMenu(store, event.currentTarget);
        return true;
      }
      if (target !== null) {
        q.moveFocus(target, event.shiftKey);
        return true;
      }
      switch (event.key) {
        case 'Enter':
          openDownload(store, targetKeys(store));
          return true;
        case 'Delete':
          openDelete(store, targetKeys(store));
          return true;
        case 'Escape':
          q.clearSelection();
          return true;
        case 'a':
        case 'A':
          if (!mod) return false;
          q.selectAll();
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  }

  const columns = actions ? [...COLUMNS, ACTIONS_COLUMN] : COLUMNS;
  const items = virtualizer.getVirtualItems();
  return (
    <GridFrame
      className={cx(gridStyles.filesGrid, actions && gridStyles.withActions)}
      dropTarget={drop.dropTarget !== null}
      label={t('files')}
      rowCount={rows.length}
      columnCount={columns.length}
      multiselectable
      busy={loading}
      activeRowId={focusedIndex >= 0 ? `file-row-${focusedIndex}` : undefined}
      onKeyDown={onKeyDown}
      drop={drop}
      columns={columns.map(([column, cell]) => (
        <ColumnLabel key={column} label={t(`column.${column}`)} cell={cell} />
      ))}
      scrollRef={scrollRef}
      totalSize={virtualizer.getTotalSize()}
      emptyMessage={emptyMessage}
    >
      {items.map((item) => {
        const file = rows[item.index];
        if (file === undefined) return null;
        return (
          <Row
            key={file.fileKey}
            file={file}
            index={item.index}
            start={item.start}
            selected={selected.has(file.fileKey)}
            focused={item.index === focusedIndex}
            actions={actions}
            onMouseDown={onMouseDown}
            onDoubleClick={onDoubleClick}
            onContextMenu={onRowMenu}
          />
        );
      })}
    </GridFrame>
  );
}
