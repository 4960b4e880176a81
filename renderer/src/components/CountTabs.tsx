/**
 * A strip of tabs, each with a count badge: the transfer panel's filters and a sync plan's
 * sections. The arrow keys, Home and End move between them (one tab in the tab order), and each
 * tab names the panel it controls.
 */
import { useRef, type KeyboardEvent } from 'react';
import { formatCount } from '../view-model/format';
import { cx } from './cx';
import styles from './CountTabs.module.css';

export interface CountTab<Id extends string> {
  id: Id;
  label: string;
  /** null: not known, no badge. */
  count: number | null;
  /** The badge asks for attention (failed transfers). */
  alert?: boolean;
}

export function CountTabs<Id extends string>({
  tabs,
  selected,
  onSelect,
  label,
  idPrefix,
  panelId,
  className,
}: {
  tabs: readonly CountTab<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  /** The strip's accessible name. */
  label: string;
  /** Tab `id`s are `<idPrefix>-<id>` (the panel's aria-labelledby), their badges `<idPrefix>-count-<id>`. */
  idPrefix: string;
  panelId: string;
  className?: string;
}) {
  const refs = useRef(new Map<Id, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const last = tabs.length - 1;
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index + last) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    const target = tabs[next]?.id;
    if (target === undefined) return;
    event.preventDefault();
    onSelect(target);
    refs.current.get(target)?.focus();
  }

  return (
    <div className={cx(styles.tabs, className)} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map(({ id, label: tabLabel, count, alert = false }) => {
        const isSelected = id === selected;
        const countId = `${idPrefix}-count-${id}`;
        return (
          <button
            key={id}
            ref={(el) => {
              if (el === null) refs.current.delete(id);
              else refs.current.set(id, el);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-${id}`}
            aria-selected={isSelected}
            aria-controls={panelId}
            aria-label={tabLabel}
            aria-describedby={count !== null ? countId : undefined}
            tabIndex={isSelected ? 0 : -1}
            className={cx('tab', styles.tab, alert && styles.hasAlert)}
            onClick={() => onSelect(id)}
          >
            {tabLabel}
            {count !== null && (
              <span className={styles.tabCount} id={countId}>
                {formatCount(count)}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
