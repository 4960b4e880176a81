/**
 * The object grid while "Show versions" is on: folders, then every key's versions newest
 * first, streamed page by page and virtualised like ObjectTable. A key's older versions are
 * indented and greyed, delete markers struck through and badged. The focused row is shown in
 * the details pane, which has its Download, Restore and Delete.
 */
import type { KeyboardEvent } from 'react';
import { useApp, useAppStore } from '../store';
import { selectListingRows } from '../store/props-slice';
import { formatDate, formatSize } from '../view-model/format';
import { shortVersionId, versionBadges, versionRowIndex, type VersionRow } from '../view-model/version-rows';
import { FOLDER_DROP_ATTRIBUTE, type FileDrop } from './file-drop';
import { GridFrame } from './GridFrame';
import { FileIcon, FolderIcon } from './Icons';
import { useGridVirtualizer } from './grid-virtualizer';
import '../styles/properties-pane.css';

const COLUMNS = [
  ['Name', 'cell-name'],
  ['Version', 'cell-version'],
  ['Size', 'cell-size'],
  ['Last modified', 'cell-date'],
] as const;

function Cells({ row }: { row: VersionRow }) {
  if (row.kind === 'folder')
    return (
      <>
        <div role="gridcell" className="cell cell-name">
          <FolderIcon />
          <span className="cell-text">{row.name}</span>
        </div>
        <div role="gridcell" className="cell cell-version" />
        <div role="gridcell" className="cell cell-size">
          —
        </div>
        <div role="gridcell" className="cell cell-date" />
      </>
    );
  const v = row.version;
  return (
    <>
      <div role="gridcell" className="cell cell-name">
        <FileIcon />
        <span className="cell-text" title={row.key}>
          {row.name}
        </span>
      </div>
      <div role="gridcell" className="cell cell-version">
        <span className="version-id" title={v.versionId}>
          {shortVersionId(v.versionId)}
        </span>
        {versionBadges(v).map((b) => (
          <span key={b} className={`badge${b === 'Delete marker' ? ' badge-marker' : ''}`}>
            {b}
          </span>
        ))}
      </div>
      <div role="gridcell" className="cell cell-size">
        {v.isDeleteMarker ? '—' : formatSize(v.size)}
      </div>
      <div role="gridcell" className="cell cell-date">
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
      className="grid version-grid"
      label="Object versions"
      rowCount={rows.length}
      columnCount={COLUMNS.length}
      busy={loading}
      activeRowId={focusedIndex >= 0 ? `version-row-${focusedIndex}` : undefined}
      onKeyDown={onKeyDown}
      drop={drop}
      columns={COLUMNS.map(([label, cell]) => (
        <div key={label} role="columnheader" className={`cell ${cell} column-label`}>
          {label}
        </div>
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
          <div
            key={row.id}
            id={`version-row-${item.index}`}
            role="row"
            aria-rowindex={item.index + 2}
            aria-selected={item.index === focusedIndex}
            className={`grid-row${item.index === focusedIndex ? ' is-selected is-focused' : ''}${item.index % 2 ? ' is-odd' : ''}${older ? ' is-older' : ''}${marker ? ' is-marker' : ''}`}
            style={{ transform: `translateY(${item.start}px)` }}
            {...(row.kind === 'folder' ? { [FOLDER_DROP_ATTRIBUTE]: row.key } : {})}
            onMouseDown={(e) => e.button === 0 && store.getState().props.focusRow(row.id)}
            onDoubleClick={() => activate(row)}
          >
            <Cells row={row} />
          </div>
        );
      })}
    </GridFrame>
  );
}
