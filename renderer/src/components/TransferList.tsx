/**
 * The transfers list: virtualised rows of the current filter, loaded as a window around what is in
 * view (the core keeps every job; the page holds at most MAX_WINDOW of them).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferJobView } from '../../../shared/transfers';
import { useApp, useAppStore, type TransferAction } from '../store';
import { TRANSFER_ROW_HEIGHT, TransferRow, TransferRowPlaceholder } from './TransferRow';
import gridStyles from './GridFrame.module.css';
import listingStyles from './ListingErrorAlert.module.css';
import styles from './TransferList.module.css';

/** Rows loaded beyond the visible ones on each side, and the pause before loading after a scroll. */
const MARGIN = 100;
const MAX_WINDOW = 500;
const LOAD_DELAY_MS = 120;
const OVERSCAN = 8;
/** The list's id, and the prefix of the filter tabs' ids (the tab that labels it is `<prefix>-<filter>`). */
export const TRANSFER_LIST_ID = 'transfers-list';
export const FILTER_TAB_ID = 'transfers-tab';

export function TransferList() {
  const store = useAppStore();
  const page = useApp((s) => s.transfers.page);
  const filter = useApp((s) => s.transfers.filter);
  const selected = useApp((s) => s.transfers.selected);
  const loadError = useApp((s) => s.transfers.loadError);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { t } = useTranslation('transfers');
  const count = page?.total ?? 0;

  // TanStack Virtual keeps mutable state React Compiler cannot track; we do not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TRANSFER_ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const loadedFrom = page?.offset ?? 0;
  const loadedTo = loadedFrom + (page?.jobs.length ?? 0);
  const hasPage = page !== null;

  // Scrolled beyond the loaded window: list the rows in view (and a margin) once scrolling settles.
  useEffect(() => {
    if (!hasPage || last < 0 || (first >= loadedFrom && last < loadedTo)) return;
    const timer = setTimeout(() => {
      const offset = Math.max(0, first - MARGIN);
      void store.getState().transfers.loadRange(offset, Math.min(MAX_WINDOW, last + 1 + MARGIN - offset));
    }, LOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, hasPage, first, last, loadedFrom, loadedTo]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [virtualizer, filter]);

  const onSelect = useCallback(
    (jobId: string, mods: { range?: boolean; toggle?: boolean }) => store.getState().transfers.select(jobId, mods),
    [store],
  );
  const onControl = useCallback(
    (action: TransferAction, job: TransferJobView) =>
      void store.getState().transfers.control(action, { jobIds: [job.id] }),
    [store],
  );

  let empty: string | null = null;
  if (page === null) empty = loadError !== null ? null : t('common:loading');
  else if (count === 0) empty = t(`list.empty.${filter}`);

  return (
    <div
      ref={scrollRef}
      id={TRANSFER_LIST_ID}
      className={styles.list}
      role="tabpanel"
      aria-labelledby={`${FILTER_TAB_ID}-${filter}`}
      tabIndex={0}
    >
      {loadError !== null && (
        <div className={listingStyles.listingError} role="alert">
          <span>
            {t('list.loadFailed', { message: loadError.message })}{' '}
            <span className="error-code">({loadError.code})</span>
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={() => void store.getState().transfers.loadRange(loadedFrom, MAX_WINDOW)}
          >
            {t('common:action.tryAgain')}
          </button>
        </div>
      )}
      {empty !== null ? (
        <div className={gridStyles.gridEmpty}>{empty}</div>
      ) : (
        <div
          className={styles.canvas}
          role="list"
          aria-label={t('list.label')}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const job = page !== null && item.index >= page.offset ? page.jobs[item.index - page.offset] : undefined;
            return job === undefined ? (
              <TransferRowPlaceholder key={`p-${item.index}`} index={item.index} count={count} start={item.start} />
            ) : (
              <TransferRow
                key={job.id}
                job={job}
                index={item.index}
                count={count}
                start={item.start}
                selected={selected.has(job.id)}
                onSelect={onSelect}
                onControl={onControl}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}
