/**
 * One section of a sync plan as a virtualised grid: only the rows in view are in the page, and
 * only a window of entries around them is loaded from the core (a plan of 100,000 entries stays
 * smooth). Rows are selected by click (Shift for a range, Ctrl/Cmd to toggle) and by keyboard
 * (arrows, Page keys, Home/End, Shift to extend, Ctrl/Cmd+A, Escape); conflicts get their answer
 * per row.
 */
import { memo, useCallback, useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SYNC_PAGE } from '../../../shared/channels/sync';
import { SYNC_RESOLUTIONS, type SyncEntry, type SyncResolution, type SyncSection } from '../../../shared/sync';
import { useApp, useAppStore } from '../store';
import { entryAt } from '../store/sync-window';
import { formatDate, formatSize } from '../view-model/format';
import { cx } from './cx';
import { hasSelectModifier, rowClick, useGridVirtualizer } from './grid-virtualizer';
import styles from './SyncEntryList.module.css';

/** Rows loaded beyond the visible ones on each side, and the pause before loading after a scroll. */
const MARGIN = 100;
const LOAD_DELAY_MS = 120;

const rowId = (position: number): string => `sync-row-${position}`;

function Side({ side }: { side: SyncEntry['local'] }) {
  if (side === null) return <span className={cx(styles.cell, styles.side)} role="gridcell" />;
  return (
    <span className={cx(styles.cell, styles.side)} role="gridcell">
      <span className={styles.size}>{formatSize(side.size)}</span>
      <span className={styles.date}>{formatDate(side.modified)}</span>
    </span>
  );
}

interface RowProps {
  entry: SyncEntry;
  position: number;
  start: number;
  selected: boolean;
  focused: boolean;
  onSelect: (position: number, mods: { range?: boolean; toggle?: boolean }) => void;
  onResolve: (position: number, resolution: SyncResolution) => void;
}

const EntryRow = memo(function EntryRow({ entry, position, start, selected, focused, onSelect, onResolve }: RowProps) {
  const { t } = useTranslation('sync');
  const conflict = entry.action === 'conflict';
  return (
    <div
      id={rowId(position)}
      role="row"
      aria-rowindex={position + 2}
      aria-selected={selected}
      className={cx(
        styles.row,
        conflict && styles.withAnswer,
        selected && styles.isSelected,
        focused && styles.isFocused,
        position % 2 === 1 && styles.isOdd,
      )}
      style={{ transform: `translateY(${start}px)` }}
      onMouseDown={(event) => {
        if ((event.target as Element).closest('select') !== null) return;
        const mods = rowClick(event);
        if (mods !== null) onSelect(position, mods);
      }}
    >
      <span className={cx(styles.cell, styles.path)} role="gridcell" title={entry.path}>
        {entry.path}
      </span>
      <span className={styles.cell} role="gridcell">
        {t(`action.${entry.action}`)}
      </span>
      <span className={cx(styles.cell, 'muted')} role="gridcell" title={t(`reason.${entry.reason}`)}>
        {t(`reason.${entry.reason}`)}
      </span>
      <Side side={entry.local} />
      <Side side={entry.remote} />
      {conflict && (
        <span className={styles.cell} role="gridcell">
          <select
            className={styles.answer}
            aria-label={t('list.answerFor', { path: entry.path })}
            value={entry.resolution ?? 'skip'}
            onChange={(e) => onResolve(position, e.target.value as SyncResolution)}
          >
            {SYNC_RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {t(`resolution.${r}`)}
              </option>
            ))}
          </select>
        </span>
      )}
    </div>
  );
});

function PlaceholderRow({ position, start }: { position: number; start: number }) {
  return (
    <div
      role="row"
      aria-rowindex={position + 2}
      className={cx(styles.row, styles.placeholder, position % 2 === 1 && styles.isOdd)}
      style={{ transform: `translateY(${start}px)` }}
    >
      <span className={styles.cell} role="gridcell" />
    </div>
  );
}

export function SyncEntryList({ section, total }: { section: SyncSection; total: number }) {
  const store = useAppStore();
  const page = useApp((s) => s.sync.page);
  const selected = useApp((s) => s.sync.selected);
  const focused = useApp((s) => s.sync.focused);
  const { t } = useTranslation('sync');
  const { scrollRef, virtualizer, pageRows } = useGridVirtualizer(total, focused ?? -1);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const loadedFrom = page?.offset ?? 0;
  const loadedTo = loadedFrom + (page?.entries.length ?? 0);
  const hasPage = page !== null;

  // Scrolled beyond the loaded window: load the rows in view (and a margin) once scrolling settles.
  useEffect(() => {
    if (!hasPage || last < 0 || (first >= loadedFrom && last < loadedTo)) return;
    const timer = setTimeout(() => {
      const offset = Math.max(0, first - MARGIN);
      void store.getState().sync.loadRange(offset, Math.min(MAX_SYNC_PAGE, last + 1 + MARGIN - offset));
    }, LOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, hasPage, first, last, loadedFrom, loadedTo]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [virtualizer, section]);

  const onSelect = useCallback(
    (position: number, mods: { range?: boolean; toggle?: boolean }) => store.getState().sync.select(position, mods),
    [store],
  );
  const onResolve = useCallback(
    (position: number, resolution: SyncResolution) => void store.getState().sync.resolve(resolution, [position]),
    [store],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if ((event.target as Element).closest('select') !== null) return;
    const sync = store.getState().sync;
    const at = sync.focused ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: Math.max(0, at - 1),
      PageDown: at + pageRows(),
      PageUp: at - pageRows(),
      Home: 0,
      End: total - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      sync.moveFocus(to, event.shiftKey);
    } else if (event.key === ' ' && at >= 0) {
      event.preventDefault();
      sync.select(at, { toggle: true });
    } else if (event.key.toLowerCase() === 'a' && hasSelectModifier(event)) {
      event.preventDefault();
      sync.selectAll();
    } else if (event.key === 'Escape' && sync.selected.size > 0) {
      event.preventDefault();
      sync.clearSelection();
    }
  }

  const conflicts = section === 'conflicts';
  const focusedShown = focused !== null && items.some((item) => item.index === focused);
  return (
    <div
      className={styles.grid}
      role="grid"
      aria-label={t(`tab.${section}`)}
      aria-multiselectable="true"
      aria-rowcount={total + 1}
      aria-activedescendant={focusedShown ? rowId(focused) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className={styles.head} role="rowgroup">
        <div className={cx(styles.row, styles.headRow, conflicts && styles.withAnswer)} role="row" aria-rowindex={1}>
          <span className={styles.cell} role="columnheader">
            {t('list.path')}
          </span>
          <span className={styles.cell} role="columnheader">
            {t('list.action')}
          </span>
          <span className={styles.cell} role="columnheader">
            {t('list.reason')}
          </span>
          <span className={styles.cell} role="columnheader">
            {t('list.local')}
          </span>
          <span className={styles.cell} role="columnheader">
            {t('list.remote')}
          </span>
          {conflicts && (
            <span className={styles.cell} role="columnheader">
              {t('list.answer')}
            </span>
          )}
        </div>
      </div>
      <div ref={scrollRef} className={styles.body} role="rowgroup">
        {total === 0 ? (
          <div className={styles.empty}>{t(`list.empty.${section}`)}</div>
        ) : (
          <div className={styles.canvas} style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const entry = entryAt(page, item.index);
              return entry === undefined ? (
                <PlaceholderRow key={`p-${item.index}`} position={item.index} start={item.start} />
              ) : (
                <EntryRow
                  key={entry.index}
                  entry={entry}
                  position={item.index}
                  start={item.start}
                  selected={selected.has(item.index)}
                  focused={focused === item.index}
                  onSelect={onSelect}
                  onResolve={onResolve}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
