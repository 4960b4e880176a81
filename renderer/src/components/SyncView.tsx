/**
 * The main area while a sync pair is selected: the pair (folder ↔ bucket folder, direction,
 * Edit, Remove, Watch), Compare with its progress, the plan's summary, its three sections
 * (changes, deletions, conflicts) as virtualised lists with Sync, Sync selected, answers for
 * conflicts and deletions behind their own confirmation, what a run is doing, and how the last
 * one ended.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SYNC_RESOLUTIONS,
  SYNC_SECTIONS,
  type SyncActivity,
  type SyncCount,
  type SyncPair,
  type SyncPlanSummary,
  type SyncRunSummary,
  type SyncSection,
} from '../../../shared/sync';
import { currentPlan } from '../store/sync-slice';
import { useApp, useAppStore } from '../store';
import { formatCount, formatDate, formatSize } from '../view-model/format';
import { runNotices } from '../view-model/sync-format';
import { usePairNames } from './use-pair-names';
import { CountTabs } from './CountTabs';
import { cx } from './cx';
import { PencilIcon, RefreshIcon, StopIcon, SyncIcon, TrashIcon } from './Icons';
import { SyncEntryList } from './SyncEntryList';
import styles from './SyncView.module.css';

function Header({ pair, busy }: { pair: SyncPair; busy: boolean }) {
  const store = useAppStore();
  const watching = useApp((s) => s.sync.status[pair.id]?.watching ?? false);
  const names = usePairNames(pair);
  const { t } = useTranslation('sync');
  const ui = () => store.getState().ui;
  const canWatch = pair.direction !== 'download';
  return (
    <header className={styles.header}>
      <div className={styles.title}>
        <h1>
          {names.folder} <span aria-hidden="true">↔</span>
          <span className="visually-hidden">{t('pair.with')}</span> {names.remote}
        </h1>
        <p className={styles.subtitle}>
          <span title={pair.localFolder}>{pair.localFolder}</span>
          <span>{t(`direction.${pair.direction}`)}</span>
          <span>{t(`compare.${pair.compare}`)}</span>
          {pair.direction === 'both' && <span>{t(`conflicts.${pair.conflicts}`)}</span>}
          {pair.deleteMissing && <span>{t('pair.deletes')}</span>}
        </p>
      </div>
      {canWatch && (
        <label className={styles.watch}>
          <input
            type="checkbox"
            checked={pair.watch}
            onChange={(e) => void store.getState().sync.update(pair.id, { watch: e.target.checked })}
          />
          {t('view.watch')}
          {pair.watch && (
            <span className={cx(styles.watchState, watching && styles.isWatching)} role="status">
              {watching ? t('view.watching') : t('view.notWatching')}
            </span>
          )}
        </label>
      )}
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() =>
          ui().openDialog({
            kind: 'syncPair',
            accountId: pair.accountId,
            bucket: pair.bucket,
            prefix: pair.prefix,
            pairId: pair.id,
          })
        }
      >
        <PencilIcon />
        {t('common:action.edit')}
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => ui().openDialog({ kind: 'syncRemove', pairId: pair.id })}
      >
        <TrashIcon />
        {t('common:action.remove')}
      </button>
    </header>
  );
}

/** What the pair is doing now, with Compare or Cancel. */
function ActivityBar({ pairId, activity }: { pairId: string; activity: SyncActivity }) {
  const store = useAppStore();
  const { t } = useTranslation('sync');
  const sync = () => store.getState().sync;
  const comparing = activity.state === 'comparing';
  const running = activity.state === 'running';
  return (
    <div className={styles.activity}>
      <button
        type="button"
        className="button primary"
        disabled={comparing || running}
        onClick={() => void sync().compare(pairId)}
      >
        <RefreshIcon />
        {t('view.compare')}
      </button>
      {(comparing || running) && (
        <button type="button" className="button" onClick={() => void sync().cancel(pairId)}>
          <StopIcon />
          {t('common:action.cancel')}
        </button>
      )}
      <p className={styles.progress} role="status" aria-live="polite">
        {activity.state === 'comparing' &&
          t('view.comparing', {
            files: formatCount(activity.localFiles),
            objects: formatCount(activity.remoteObjects),
            hashed: formatSize(activity.hashedBytes),
          })}
        {activity.state === 'running' &&
          (activity.deleting > 0
            ? t('view.deleting', { count: activity.deleting })
            : t('view.running', {
                files: formatCount(activity.progress.files),
                filesTotal: formatCount(activity.progress.filesTotal),
                bytes: formatSize(activity.progress.bytes),
                bytesTotal: formatSize(activity.progress.bytesTotal),
              }))}
      </p>
      {running && (
        <button
          type="button"
          className="button button-small"
          onClick={() => store.getState().transfers.togglePanel(true)}
        >
          {t('view.showTransfers')}
        </button>
      )}
    </div>
  );
}

function Failure({ pairId, activity }: { pairId: string; activity: SyncActivity }) {
  const failure = useApp((s) => s.sync.failures[pairId] ?? null);
  const { t } = useTranslation('sync');
  const shown =
    failure !== null
      ? { label: t(`error.${failure.what}`), error: failure.error }
      : activity.state === 'failed'
        ? { label: t('error.activity'), error: activity.error }
        : null;
  if (shown === null) return null;
  return (
    <p className={cx('inline-error', styles.notice)} role="alert">
      {t('common:labelled', { label: shown.label, text: shown.error.message })}{' '}
      <span className="error-code">({shown.error.code})</span>
    </p>
  );
}

/** How the last run ended, and what the person should know about it. */
function LastRun({ run }: { run: SyncRunSummary }) {
  const { t } = useTranslation('sync');
  const parts = [
    t('run.uploaded', { count: run.uploaded }),
    t('run.downloaded', { count: run.downloaded }),
    t('run.deleted', { count: run.deletedRemote + run.deletedLocal }),
  ];
  if (run.failed > 0) parts.push(t('run.failed', { count: run.failed }));
  const notices = runNotices(run, t);
  return (
    <section className={styles.lastRun} aria-label={t('run.label')}>
      <p role="status">
        {t(run.watch ? 'run.summaryWatch' : 'run.summary', { parts: parts.join(t('run.separator')) })}{' '}
        <time className="muted" dateTime={run.finishedAt}>
          {formatDate(run.finishedAt)}
        </time>
      </p>
      {notices.length > 0 && (
        <p className={cx(styles.notice, run.failed > 0 ? 'inline-error' : styles.warning)} role="alert">
          {notices.join(' ')}
        </p>
      )}
    </section>
  );
}

function Stat({ label, count, bytes }: { label: string; count: number; bytes?: number }) {
  const { t } = useTranslation('sync');
  return (
    <div className={styles.stat}>
      <dt>{label}</dt>
      <dd>
        {t('files', { count })}
        {bytes !== undefined && count > 0 && <span className={styles.statBytes}>{formatSize(bytes)}</span>}
      </dd>
    </div>
  );
}

const sum = (a: SyncCount, b: SyncCount): SyncCount => ({ files: a.files + b.files, bytes: a.bytes + b.bytes });

function Summary({ plan }: { plan: SyncPlanSummary }) {
  const { t } = useTranslation('sync');
  const { counts } = plan;
  const deletions = sum(counts.deleteRemote, counts.deleteLocal);
  return (
    <section className={styles.summary} aria-label={t('summary.label')}>
      <dl className={styles.stats}>
        <Stat label={t('summary.uploads')} count={counts.upload.files} bytes={counts.upload.bytes} />
        <Stat label={t('summary.downloads')} count={counts.download.files} bytes={counts.download.bytes} />
        <Stat label={t('summary.deletions')} count={deletions.files} bytes={deletions.bytes} />
        <Stat label={t('summary.conflicts')} count={counts.conflict.files} bytes={counts.conflict.bytes} />
        <Stat label={t('summary.unchanged')} count={plan.unchanged} />
        <Stat label={t('summary.ignored')} count={plan.ignored} />
        <Stat label={t('summary.problems')} count={plan.problems.length + plan.moreProblems} />
      </dl>
      <p className={styles.compared}>
        {t('summary.compared', {
          seconds: plan.compareMs / 1000,
          fromIndex: formatCount(plan.fromIndex),
        })}{' '}
        <time dateTime={plan.createdAt}>{formatDate(plan.createdAt)}</time>
      </p>
      {plan.problems.length > 0 && (
        <details className={styles.problems}>
          <summary>{t('summary.showProblems', { count: plan.problems.length + plan.moreProblems })}</summary>
          <ul>
            {plan.problems.map((p) => (
              <li key={p.path}>
                <span className={styles.problemPath}>{p.path}</span>: {p.error.message}{' '}
                <span className="error-code">({p.error.code})</span>
              </li>
            ))}
            {plan.moreProblems > 0 && <li className="muted">{t('common:andMore', { count: plan.moreProblems })}</li>}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The section tabs' ids, and their panel's (the list of the open section). */
const TAB_ID = 'sync-tab';
const PANEL_ID = 'sync-tabpanel';

function Tabs({ plan, section }: { plan: SyncPlanSummary; section: SyncSection }) {
  const store = useAppStore();
  const { t } = useTranslation('sync');
  const tabs = SYNC_SECTIONS.map((id) => ({ id, label: t(`tab.${id}`), count: plan.sections[id] }));
  return (
    <CountTabs
      className={styles.tabs}
      tabs={tabs}
      selected={section}
      onSelect={(id) => store.getState().sync.setSection(id)}
      label={t('tab.label')}
      idPrefix={TAB_ID}
      panelId={PANEL_ID}
    />
  );
}

/** A section's "all" button (primary, or danger for deletions) and its "selected" one. */
function ScopeButtons({
  danger = false,
  icon,
  allLabel,
  selectedLabel,
  allDisabled,
  selectedDisabled,
  onClick,
}: {
  danger?: boolean;
  icon: ReactNode;
  allLabel: string;
  selectedLabel: string;
  allDisabled: boolean;
  selectedDisabled: boolean;
  onClick: (scope: 'all' | 'selected') => void;
}) {
  return (
    <>
      <button
        type="button"
        className={cx('button', danger ? 'danger' : 'primary')}
        disabled={allDisabled}
        onClick={() => onClick('all')}
      >
        {icon}
        {allLabel}
      </button>
      <button type="button" className="button" disabled={selectedDisabled} onClick={() => onClick('selected')}>
        {selectedLabel}
      </button>
    </>
  );
}

/** The buttons above the open section's list. */
function SectionActions({
  pairId,
  plan,
  section,
  running,
}: {
  pairId: string;
  plan: SyncPlanSummary;
  section: SyncSection;
  running: boolean;
}) {
  const store = useAppStore();
  const chosen = useApp((s) => (s.sync.selected.size > 0 ? s.sync.selected.size : s.sync.focused !== null ? 1 : 0));
  const { t } = useTranslation('sync');
  const sync = () => store.getState().sync;
  const { counts } = plan;
  const runnable = counts.upload.files + counts.download.files + counts.conflict.files;

  async function confirmDeletions(scope: 'all' | 'selected'): Promise<void> {
    const choice = await sync().deletionChoice(pairId, scope);
    if (choice !== null) store.getState().ui.openDialog({ kind: 'syncDelete', ...choice });
  }

  if (section === 'deletions') {
    const all = counts.deleteRemote.files + counts.deleteLocal.files;
    return (
      <div className={styles.actions}>
        <ScopeButtons
          danger
          icon={<TrashIcon />}
          allLabel={t('view.deleteAll', { count: all })}
          selectedLabel={t('view.deleteSelected', { count: Math.max(chosen, 1) })}
          allDisabled={running || all === 0}
          selectedDisabled={running || chosen === 0}
          onClick={(scope) => void confirmDeletions(scope)}
        />
        <span className={styles.hint}>{t('view.deletionsApart')}</span>
      </div>
    );
  }
  return (
    <div className={styles.actions}>
      <ScopeButtons
        icon={<SyncIcon />}
        allLabel={t('view.sync')}
        selectedLabel={t('view.syncSelected', { count: Math.max(chosen, 1) })}
        allDisabled={running || runnable === 0}
        selectedDisabled={running || chosen === 0}
        onClick={(scope) => void sync().run(pairId, scope)}
      />
      {section === 'conflicts' && (
        <span className={styles.answers} role="group" aria-label={t('view.answerSelected')}>
          <span className={styles.hint}>{t('view.answerSelected')}</span>
          {SYNC_RESOLUTIONS.map((r) => (
            <button
              key={r}
              type="button"
              className="button button-small"
              disabled={running || chosen === 0}
              onClick={() => void sync().resolve(r)}
            >
              {t(`resolution.${r}`)}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}

function Plan({ pairId, plan, running }: { pairId: string; plan: SyncPlanSummary; running: boolean }) {
  const section = useApp((s) => s.sync.section);
  return (
    <>
      <Summary plan={plan} />
      <Tabs plan={plan} section={section} />
      <div className={styles.panel} id={PANEL_ID} role="tabpanel" aria-labelledby={`${TAB_ID}-${section}`}>
        <SectionActions pairId={pairId} plan={plan} section={section} running={running} />
        <SyncEntryList section={section} total={plan.sections[section]} />
      </div>
    </>
  );
}

export function SyncView({ pairId }: { pairId: string }) {
  const pair = useApp((s) => s.sync.pairs.find((p) => p.id === pairId) ?? null);
  const status = useApp((s) => s.sync.status[pairId]);
  const plan = useApp((s) => currentPlan(s.sync, pairId));
  const { t } = useTranslation('sync');
  if (pair === null) return null;
  const activity: SyncActivity = status?.activity ?? { state: 'idle' };
  const busy = activity.state === 'comparing' || activity.state === 'running';
  return (
    <div className={styles.view}>
      <Header pair={pair} busy={busy} />
      <ActivityBar pairId={pairId} activity={activity} />
      <Failure pairId={pairId} activity={activity} />
      {pair.lastRun !== null && <LastRun run={pair.lastRun} />}
      {plan !== null ? (
        <Plan pairId={pairId} plan={plan} running={activity.state === 'running'} />
      ) : (
        <p className={styles.noPlan}>{activity.state === 'comparing' ? t('view.comparingWait') : t('view.noPlan')}</p>
      )}
    </div>
  );
}
