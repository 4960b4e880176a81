/**
 * The object grid while "Show versions" is on: folders, then every key's versions newest
 * first, streamed page by page and virtualised like ObjectTable. A key's older versions are
 * indented and greyed, delete markers struck through and badged. The focused row is shown in
 * the details pane, which has its Download, Restore and Delete.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useApp, useAppStore } from '../store';
import { selectListingRows } from '../store/props-slice';
import { formatDate, formatSize } from '../view-model/format';
import { shortVersionId, versionBadges, versionRowIndex, type VersionRow } from '../view-model/version-rows';
import { FOLDER_DROP_ATTRIBUTE, type FileDrop } from './file-drop';
import { FileIcon, FolderIcon } from './Icons';
import { ROW_HEIGHT } from './ObjectTable';
import '../styles/properties-pane.css';

const OVERSCAN = 10;
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
  const scrollRef = useRef<HTMLDivElement>(null);

  // TanStack Virtual keeps mutable state React Compiler cannot track; we do not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });

  const focusedIndex = versionRowIndex(rows, focused);
  useEffect(() => {
    if (focusedIndex >= 0) virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
  }, [virtualizer, focusedIndex]);

  const activate = (row: VersionRow | undefined): void => {
    const location = store.getState().objects.location;
    if (row?.kind === 'folder' && location !== null) store.getState().objects.open(location.bucket, row.key);
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const props = store.getState().props;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
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
    <div
      className="grid version-grid"
      role="grid"
      aria-label="Object versions"
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMNS.length}
      aria-busy={loading}
      aria-activedescendant={focusedIndex >= 0 ? `version-row-${focusedIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      {...drop.handlers}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row grid-head-row">
          {COLUMNS.map(([label, cell]) => (
            <div key={label} role="columnheader" className={`cell ${cell} column-label`}>
              {label}
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="grid-body" role="rowgroup">
        {rows.length === 0 && emptyMessage !== null ? (
          <div className="grid-empty">{emptyMessage}</div>
        ) : (
          <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
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
