/**
 * The bucket tool for incomplete multipart uploads (from any client): list them page by page,
 * select, and abort the selection or all of them after a confirmation; then the summary.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AppError, Result } from '../../../shared/errors';
import type { BatchSummary, Page } from '../../../shared/models';
import type { IncompleteUpload } from '../../../shared/transfers';
import { getApi } from '../api';
import { useApp, useAppStore } from '../store';
import { formatCount, formatDate, plural } from '../view-model/format';
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
    <Dialog title={`Incomplete uploads in “${bucket}”`} onClose={close} wide dismissable={!busy}>
      <p className="muted">
        Uploads in parts that were started (by this app or any other client) and neither completed nor aborted. Their
        parts take space on the server until they are aborted.
      </p>
      {phase.kind === 'done' && <AbortSummary summary={phase.summary} />}
      {phase.kind === 'aborting' && (
        <div className={operationStyles.operation}>
          <progress
            className={operationStyles.progress}
            aria-label="Aborting progress"
            max={phase.total}
            value={phase.done}
          />
          <p role="status">
            Aborting {formatCount(phase.done)} of {formatCount(phase.total)}…
          </p>
        </div>
      )}
      <InlineError message={error?.message ?? null} code={error?.code} />
      {!loading && error === null && uploads.length === 0 ? (
        <p role="status">No incomplete uploads in this bucket.</p>
      ) : (
        <div className={styles.uploadTableWrap}>
          <table className={styles.uploadTable} aria-label="Incomplete uploads" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col" className={styles.uploadCheck}>
                  <input
                    type="checkbox"
                    aria-label="Select all listed uploads"
                    checked={allSelected}
                    disabled={busy || uploads.length === 0}
                    onChange={(e) => setSelected(e.target.checked ? new Set(uploads.map(uploadRef)) : new Set())}
                  />
                </th>
                <th scope="col">Key</th>
                <th scope="col">Started</th>
                <th scope="col">Upload ID</th>
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
                        aria-label={`Select ${u.key}`}
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
          {loading && <p className="muted">Loading…</p>}
        </div>
      )}
      {nextToken !== null && !loading && (
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={() => void load(nextToken, uploads)}
        >
          Load more
        </button>
      )}
      {confirming !== null ? (
        <div className="confirm-box" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            {count !== null
              ? `Abort ${plural(count, 'incomplete upload')}?`
              : `Abort every incomplete upload in “${bucket}”${nextToken !== null ? ' (more than are listed)' : ''}?`}{' '}
            Their parts are deleted from the server. An upload still running in another app fails; a paused transfer in
            this app starts again from the beginning.
          </p>
          <DialogActions>
            <button type="button" className="button" onClick={() => setConfirming(null)} data-autofocus>
              Keep them
            </button>
            <button type="button" className="button danger" onClick={() => void abort(confirming.what)}>
              {count !== null ? `Abort ${plural(count, 'upload')}` : 'Abort all'}
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
            Abort all
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || selected.size === 0}
            onClick={() => setConfirming({ what: 'selected' })}
          >
            Abort selected
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={close}>
            Close
          </button>
        </DialogActions>
      )}
    </Dialog>
  );
}

function AbortSummary({ summary }: { summary: BatchSummary }) {
  return (
    <div className={operationStyles.operationSummary}>
      <p role="status">
        Aborted {plural(summary.succeeded, 'upload')}.
        {summary.failed.length > 0 && ` ${plural(summary.failed.length, 'upload')} could not be aborted:`}
      </p>
      {summary.failed.length > 0 && (
        <ul className={operationStyles.failureList} aria-label="Failures">
          {summary.failed.slice(0, SHOWN_FAILURES).map((f, i) => (
            <li key={`${f.key}-${i}`}>
              <span className={operationStyles.failureKey}>{f.key}</span>
              <span className={operationStyles.failureMessage}>
                {f.message} <span className="error-code">({f.code})</span>
              </span>
            </li>
          ))}
          {summary.failed.length > SHOWN_FAILURES && (
            <li className="muted">…and {formatCount(summary.failed.length - SHOWN_FAILURES)} more</li>
          )}
        </ul>
      )}
    </div>
  );
}
