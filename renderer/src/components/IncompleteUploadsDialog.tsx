/**
 * The bucket tool for incomplete multipart uploads (from any client): list them page by page,
 * select, and abort the selection or all of them after a confirmation; then the summary.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Result } from '../../../shared/errors';
import type { BatchSummary, Page } from '../../../shared/models';
import type { IncompleteUpload } from '../../../shared/transfers';
import { getApi } from '../api';
import { useApp, useAppStore } from '../store';
import { formatDate } from '../view-model/format';
import { abortAll, listRest, uploadRef, type MultipartApi } from '../view-model/incomplete-uploads';
import { Dialog, DialogActions, InlineError } from './Dialog';
import styles from './IncompleteUploadsDialog.module.css';
import operationStyles from './OperationView.module.css';

const SHOWN_FAILURES = 200;

type Confirming = { what: 'selected' | 'all' } | null;
type Phase =
  { kind: 'browsing' } | { kind: 'aborting'; done: number; total: number } | { kind: 'done'; summary: BatchSummary };

export function IncompleteUploadsDialog({ bucket }: { bucket: string }) {
  const store = useAppStore();
  const accountId = useApp((s) => s.objects.location?.accountId ?? s.accounts.selectedId);
  // The tool invokes its two channels directly: it is a one-off view, not app state.
  const api = useMemo<MultipartApi>(() => getApi(), []);
  const id = useId();
  const [uploads, setUploads] = useState<IncompleteUpload[]>([]);
  const [nextToken, setNextToken] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'browsing' });
  const generation = useRef(0);
  const close = () => store.getState().ui.closeDialog();
  const where = accountId === null ? null : { accountId, bucket };
  const { t } = useTranslation('transfers');

  /** Applies a listed page unless a newer load started (or the dialog closed) meanwhile. */
  function apply(mine: number, page: Result<Page<IncompleteUpload>>, keep: IncompleteUpload[]): void {
    if (mine !== generation.current) return;
    setLoading(false);
    if (!page.ok) {
      setError(page.error);
      return;
    }
    setUploads([...keep, ...page.value.items]);
    setNextToken(page.value.nextToken);
  }

  async function load(token: string | null, keep: IncompleteUpload[]): Promise<void> {
    if (accountId === null) return;
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    apply(mine, await api.invoke('multipart:list', { accountId, bucket, prefix: '', continuationToken: token }), keep);
  }

  // The first page, once per opening; later loads are the person's doing.
  useEffect(() => {
    if (accountId === null) return;
    let live = true; // a late answer must not land in a closed dialog
    const mine = ++generation.current;
    void api
      .invoke('multipart:list', { accountId, bucket, prefix: '', continuationToken: null })
      .then((page) => live && apply(mine, page, []));
    return () => {
      live = false;
    };
  }, [api, accountId, bucket]);

  function toggle(ref: string, on: boolean): void {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(ref);
      else next.delete(ref);
      return next;
    });
  }

  async function abort(what: 'selected' | 'all'): Promise<void> {
    if (where === null) return;
    setConfirming(null);
    let targets = uploads;
    if (what === 'all' && nextToken !== null) {
      setPhase({ kind: 'aborting', done: 0, total: uploads.length });
      const rest = await listRest(api, where, uploads, nextToken);
      if (!rest.ok) {
        setError(rest.error);
        setPhase({ kind: 'browsing' });
        return;
      }
      targets = rest.value;
    }
    if (what === 'selected') targets = uploads.filter((u) => selected.has(uploadRef(u)));
    setPhase({ kind: 'aborting', done: 0, total: targets.length });
    const summary = await abortAll(api, where, targets, (done) =>
      setPhase({ kind: 'aborting', done, total: targets.length }),
    );
    setPhase({ kind: 'done', summary });
    setSelected(new Set());
    await load(null, []);
  }

  const allSelected = uploads.length > 0 && uploads.every((u) => selected.has(uploadRef(u)));
  const count = confirming?.what === 'selected' ? selected.size : null;
  const busy = phase.kind === 'aborting';

  return (
    <Dialog title={t('incomplete.title', { bucket })} onClose={close} wide dismissable={!busy}>
      <p className="muted">{t('incomplete.intro')}</p>
      {phase.kind === 'done' && <AbortSummary summary={phase.summary} />}
      {phase.kind === 'aborting' && (
        <div className={operationStyles.operation}>
          <progress
            className={operationStyles.progress}
            aria-label={t('incomplete.abortingProgress')}
            max={phase.total}
            value={phase.done}
          />
          <p role="status">{t('incomplete.aborting', { done: phase.done, total: phase.total })}</p>
        </div>
      )}
      <InlineError message={error?.message ?? null} code={error?.code} />
      {!loading && error === null && uploads.length === 0 ? (
        <p role="status">{t('incomplete.none')}</p>
      ) : (
        <div className={styles.uploadTableWrap}>
          <table className={styles.uploadTable} aria-label={t('incomplete.tableLabel')} aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col" className={styles.uploadCheck}>
                  <input
                    type="checkbox"
                    aria-label={t('incomplete.selectAll')}
                    checked={allSelected}
                    disabled={busy || uploads.length === 0}
                    onChange={(e) => setSelected(e.target.checked ? new Set(uploads.map(uploadRef)) : new Set())}
                  />
                </th>
                <th scope="col">{t('incomplete.key')}</th>
                <th scope="col">{t('incomplete.started')}</th>
                <th scope="col">{t('incomplete.uploadId')}</th>
              </tr>
            </thead>
            <tbody>
              {uploads.map((u) => {
                const ref = uploadRef(u);
                return (
                  <tr key={ref}>
                    <td className={styles.uploadCheck}>
                      <input
                        type="checkbox"
                        aria-label={t('common:selectNamed', { name: u.key })}
                        checked={selected.has(ref)}
                        disabled={busy}
                        onChange={(e) => toggle(ref, e.target.checked)}
                      />
                    </td>
                    <td className={styles.uploadKey} title={u.key}>
                      {u.key}
                    </td>
                    <td>{formatDate(u.initiated)}</td>
                    <td className={styles.uploadId} title={u.uploadId}>
                      {u.uploadId}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {loading && <p className="muted">{t('common:loading')}</p>}
        </div>
      )}
      {nextToken !== null && !loading && (
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => void load(nextToken, uploads)}
        >
          {t('common:action.loadMore')}
        </button>
      )}
      {confirming !== null ? (
        <div className="confirm-box" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            {count !== null
              ? t('incomplete.confirmSelected', { count })
              : t(nextToken !== null ? 'incomplete.confirmAllMore' : 'incomplete.confirmAll', { bucket })}{' '}
            {t('incomplete.confirmText')}
          </p>
          <DialogActions>
            <button type="button" className="button" onClick={() => setConfirming(null)} data-autofocus>
              {t('incomplete.keep')}
            </button>
            <button type="button" className="button danger" onClick={() => void abort(confirming.what)}>
              {count !== null ? t('incomplete.abortCount', { count }) : t('incomplete.abortAll')}
            </button>
          </DialogActions>
        </div>
      ) : (
        <DialogActions>
          <button
            type="button"
            className="button"
            disabled={busy || uploads.length === 0}
            onClick={() => setConfirming({ what: 'all' })}
          >
            {t('incomplete.abortAll')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || selected.size === 0}
            onClick={() => setConfirming({ what: 'selected' })}
          >
            {t('incomplete.abortSelected')}
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={close}>
            {t('common:action.close')}
          </button>
        </DialogActions>
      )}
    </Dialog>
  );
}

function AbortSummary({ summary }: { summary: BatchSummary }) {
  const { t } = useTranslation('transfers');
  return (
    <div className={operationStyles.operationSummary}>
      <p role="status">
        {t('incomplete.aborted', { count: summary.succeeded })}
        {summary.failed.length > 0 && ` ${t('incomplete.notAborted', { count: summary.failed.length })}`}
      </p>
      {summary.failed.length > 0 && (
        <ul className={operationStyles.failureList} aria-label={t('common:failures')}>
          {summary.failed.slice(0, SHOWN_FAILURES).map((f, i) => (
            <li key={`${f.key}-${i}`}>
              <span className={operationStyles.failureKey}>{f.key}</span>
              <span className={operationStyles.failureMessage}>
                {f.message} <span className="error-code">({f.code})</span>
              </span>
            </li>
          ))}
          {summary.failed.length > SHOWN_FAILURES && (
            <li className="muted">{t('common:andMore', { count: summary.failed.length - SHOWN_FAILURES })}</li>
          )}
        </ul>
      )}
    </div>
  );
}
