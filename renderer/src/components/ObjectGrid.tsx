/**
 * The object list as tiles (the grid view): rows of tiles virtualised like the table's rows,
 * so only the rows in view (plus a few) exist in the DOM and 10,000 images scroll smoothly.
 * Selection, focus, keys, double-click and drag are the table's (the same store actions and
 * handlers); images show a thumbnail (ObjectGridThumbnails.ts), the rest an icon.
 */
import { memo, useLayoutEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectEntry } from '../../../shared/models';
import { selectVisibleRows, useApp, useAppStore } from '../store';
import { rowIndex } from '../view-model/rows-view';
import { cx } from './cx';
import { onPlaceMenu } from './ContextMenuTriggers';
import { type FileDrop } from './file-drop';
import { GridFrame } from './GridFrame';
import { useGridVirtualizer } from './grid-virtualizer';
import { FileIcon, FolderIcon } from './Icons';
import { hasThumbnail, thumbnailId, useThumbnails, type Place } from './ObjectGridThumbnails';
import { onObjectListKey } from './object-keys';
import { objectItemProps, useObjectItemHandlers, type ObjectItemHandlers } from './object-item';
import styles from './ObjectGrid.module.css';

/** A tile's width and a row's height in CSS pixels (ObjectGrid.module.css sizes the tile inside). */
const TILE_WIDTH = 128;
const ROW_HEIGHT = 140;

interface TileProps {
  entry: ObjectEntry;
  index: number;
  selected: boolean;
  focused: boolean;
  /** A data: URL, or undefined while there is none (the icon shows). */
  thumbnail: string | undefined;
  dropTarget: boolean;
  handlers: ObjectItemHandlers;
}

const Tile = memo(function Tile({ entry, index, selected, focused, thumbnail, dropTarget, handlers }: TileProps) {
  return (
    <div
      role="gridcell"
      id={`object-tile-${index}`}
      aria-selected={selected}
      className={cx(
        styles.tile,
        selected && styles.isSelected,
        focused && styles.isFocused,
        dropTarget && styles.isDropTarget,
      )}
      title={entry.name}
      {...objectItemProps(entry, handlers)}
    >
      <div className={styles.tileImage}>
        {thumbnail !== undefined ? (
          <img className={styles.thumbnail} src={thumbnail} alt="" draggable={false} />
        ) : entry.kind === 'folder' ? (
          <FolderIcon className={cx('icon', 'icon-folder', styles.tileIcon)} />
        ) : (
          <FileIcon className={cx('icon', 'icon-file', styles.tileIcon)} />
        )}
      </div>
      <span className={styles.tileName}>{entry.name}</span>
    </div>
  );
});

/** How many tiles fit across the scroll body (measured, and again when it resizes). */
function useTilesAcross(scrollRef: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element === null) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [scrollRef]);
  return Math.max(1, Math.floor(width / TILE_WIDTH));
}

/** `drop`: the list's file drop zone (its live message is rendered by the browser pane). */
export function ObjectGrid({ emptyMessage, drop }: { emptyMessage: string | null; drop: FileDrop }) {
  const { t } = useTranslation('grid');
  const store = useAppStore();
  const rows = useApp(selectVisibleRows);
  const selected = useApp((s) => s.objects.selected);
  const focused = useApp((s) => s.objects.focused);
  const loading = useApp((s) => s.objects.search?.running ?? s.objects.loading);
  const location = useApp((s) => s.objects.location);
  const focusedIndex = rowIndex(rows, focused);

  // The virtualizer counts rows of tiles; how many make a row is known once the body is measured.
  const [across, setAcross] = useState(1);
  const rowCount = Math.ceil(rows.length / across);
  const { scrollRef, virtualizer, pageRows } = useGridVirtualizer(
    rowCount,
    focusedIndex < 0 ? -1 : Math.floor(focusedIndex / across),
    ROW_HEIGHT,
  );
  const measured = useTilesAcross(scrollRef);
  if (measured !== across) setAcross(measured);

  // The table's row handlers, so tiles behave as rows do.
  const handlers = useObjectItemHandlers(store);

  const items = virtualizer.getVirtualItems();
  // Thumbnails for the rows in view only, not the overscan (the range is current after getVirtualItems).
  const firstRow = virtualizer.range?.startIndex ?? 0;
  const lastRow = virtualizer.range?.endIndex ?? -1;
  // Plain values: useThumbnails compares what they name, not their identity.
  const visible = rows.slice(firstRow * across, (lastRow + 1) * across).filter(hasThumbnail);
  const place: Place | null = location === null ? null : { accountId: location.accountId, bucket: location.bucket };
  const thumbnails = useThumbnails(place, visible);

  return (
    <GridFrame
      className={styles.tileGrid}
      dropTarget={drop.dropTarget !== null && drop.dropTarget === (location?.prefix ?? null)}
      label={t('label')}
      rowCount={rowCount}
      columnCount={across}
      multiselectable
      busy={loading}
      activeRowId={focusedIndex >= 0 ? `object-tile-${focusedIndex}` : undefined}
      onKeyDown={(event) => onObjectListKey(store, event, pageRows(), across)}
      onContextMenu={(event) => onPlaceMenu(store, event)}
      drop={drop}
      scrollRef={scrollRef}
      totalSize={virtualizer.getTotalSize()}
      emptyMessage={emptyMessage}
    >
      {items.map((item) => (
        <div
          key={item.index}
          role="row"
          aria-rowindex={item.index + 1}
          className={styles.tileRow}
          style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
        >
          {rows.slice(item.index * across, (item.index + 1) * across).map((entry, column) => {
            const index = item.index * across + column;
            const thumbnail =
              place !== null && hasThumbnail(entry)
                ? (thumbnails.get(thumbnailId(place, entry.key, entry.etag)) ?? undefined)
                : undefined;
            return (
              <Tile
                key={entry.key}
                entry={entry}
                index={index}
                selected={selected.has(entry.key)}
                focused={index === focusedIndex}
                thumbnail={thumbnail}
                dropTarget={entry.kind === 'folder' && drop.dropTarget === entry.key}
                handlers={handlers}
              />
            );
          })}
        </div>
      ))}
    </GridFrame>
  );
}
