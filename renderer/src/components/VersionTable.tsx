/**
 * The object grid while "Show versions" is on: folders, then every key's versions newest
 * first, streamed page by page and virtualised like ObjectTable. A key's older versions are
 * indented and greyed, delete markers struck through and badged. The focused row is shown in
 * the details pane, which has its Download, Restore and Delete.
 */
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../store';
import { selectListingRows } from '../store/props-slice';
import { formatDate, formatSize } from '../view-model/format';
import { shortVersionId, versionRowIndex, type VersionRow } from '../view-model/version-rows';
import { FOLDER_DROP_ATTRIBUTE, type FileDrop } from './file-drop';
import { ColumnLabel, GridFrame, GridRow } from './GridFrame';
import { FileIcon, FolderIcon } from './Icons';
import { useGridVirtualizer } from './grid-virtualizer';
import { cx } from './cx';
import gridStyles from './GridFrame.module.css';
import { VersionBadges } from './properties/VersionsTab';
import versionStyles from './properties/VersionsTab.module.css';

/** [column id (labelled `browser:column.<id>`), cell class]. */
const COLUMNS = [
  ['name', gridStyles.cellName],
  ['version', gridStyles.cellVersion],
  ['size', gridStyles.cellSize],
  ['lastModified', gridStyles.cellDate],
] as const;

function Cells({ row }: { row: VersionRow }) {
  if (row.kind === 'folder')
    return (
      <>
        <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellName)}>
          <FolderIcon />
          <span className={gridStyles.cellText}>{row.name}</span>
        </div>
        <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellVersion)} />
        <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellSize)}>
          —
        </div>
        <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellDate)} />
      </>
    );
  const v = row.version;
  return (
    <>
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellName)}>
        <FileIcon />
        <span className={gridStyles.cellText} title={row.key}>
          {row.name}
        </span>
      </div>
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellVersion)}>
        <span className={versionStyles.versionId} title={v.versionId}>
          {shortVersionId(v.versionId)}
        </span>
        <VersionBadges version={v} />
      </div>
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellSize)}>
        {v.isDeleteMarker ? '—' : formatSize(v.size)}
      </div>
      <div role="gridcell" className={cx(gridStyles.cell, gridStyles.cellDate)}>
        {formatDate(v.lastModified)}
      </div>
    </>
  );
}

export function VersionTable({ emptyMessage, drop }: { emptyMessage: string | null; drop: FileDrop }) {
  const store = useAppStore();
  const rows = useApp(selectListingRows);
  const focused = useApp((s) => s.props.listing?.focused ?? null);
  const loading = useApp((s) => s.props.listing?.loading ?? false);
  const focusedIndex = versionRowIndex(rows, focused);
  const { t } = useTranslation('browser');
  const { scrollRef, virtualizer, pageRows } = useGridVirtualizer(rows.length, focusedIndex);

  const activate = (row: VersionRow | undefined): void => {
    const location = store.getState().objects.location;
    if (row?.kind === 'folder' && location !== null) store.getState().objects.open(location.bucket, row.key);
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const props = store.getState().props;
    const page = pageRows();
    const moves: Record<string, () => void> = {
      ArrowDown: () => props.moveRowFocus({ by: 1 }),
      ArrowUp: () => (event.altKey ? store.getState().objects.up() : props.moveRowFocus({ by: -1 })),
      PageDown: () => props.moveRowFocus({ by: page }),
      PageUp: () => props.moveRowFocus({ by: -page }),
      Home: () => props.moveRowFocus('first'),
      End: () => props.moveRowFocus('last'),
      Enter: () => activate(rows[focusedIndex]),
      Backspace: () => store.getState().objects.up(),
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    move();
  }

  return (
    <GridFrame
      className={gridStyles.versionGrid}
      dropTarget={false}
      label={t('versionsGrid')}
      rowCount={rows.length}
      columnCount={COLUMNS.length}
      busy={loading}
      activeRowId={focusedIndex >= 0 ? `version-row-${focusedIndex}` : undefined}
      onKeyDown={onKeyDown}
      drop={drop}
      columns={COLUMNS.map(([column, cell]) => (
        <ColumnLabel key={column} label={t(`column.${column}`)} cell={cell} />
      ))}
      scrollRef={scrollRef}
      totalSize={virtualizer.getTotalSize()}
      emptyMessage={emptyMessage}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index];
        if (row === undefined) return null;
        const older = row.kind === 'version' && row.older;
        const marker = row.kind === 'version' && row.version.isDeleteMarker;
        return (
          <GridRow
            key={row.id}
            id={`version-row-${item.index}`}
            index={item.index}
            start={item.start}
            selected={item.index === focusedIndex}
            focused={item.index === focusedIndex}
            className={cx(older && gridStyles.isOlder, marker && gridStyles.isMarker)}
            {...(row.kind === 'folder' ? { [FOLDER_DROP_ATTRIBUTE]: row.key } : {})}
            onMouseDown={(e) => e.button === 0 && store.getState().props.focusRow(row.id)}
            onDoubleClick={() => activate(row)}
          >
            <Cells row={row} />
          </GridRow>
        );
      })}
    </GridFrame>
  );
}
