/**
 * Quick Look: a modal preview of the focused file. Left/Right and Up/Down move through the
 * folder's files, Space and Escape close, and focus goes back to the list (the Dialog returns
 * it), whose focused row is the last file shown. The viewer is picked by kind; the heavy ones
 * (text with highlighting, Markdown, PDF) load on first use.
 */
import { lazy, Suspense, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectEntry } from '../../../../shared/models';
import { previewKind } from '../../../../shared/preview-types';
import { selectVisibleRows, useApp, useAppStore } from '../../store';
import type { PreviewState } from '../../store/preview-slice';
import { formatCount } from '../../view-model/format';
import { Dialog } from '../Dialog';
import { DetailsView, ImageView, MediaView } from './SimpleViews';
import styles from './QuickLook.module.css';

const TextView = lazy(() => import('./TextView'));
const PdfView = lazy(() => import('./PdfView'));

/** Keys that belong to the control that has focus (a video's seek, a button's Space). */
const OWN_KEYS = new Set(['BUTTON', 'VIDEO', 'AUDIO', 'INPUT', 'SELECT', 'TEXTAREA', 'A']);

export function QuickLook() {
  const current = useApp((s) => s.preview.current);
  if (current === null) return null;
  return <QuickLookDialog current={current} />;
}

function QuickLookDialog({ current }: { current: PreviewState }) {
  const { t } = useTranslation('preview');
  const store = useAppStore();
  const rows = useApp(selectVisibleRows);
  const files = rows.filter((row) => row.kind === 'object');
  const index = files.findIndex((row) => row.key === current.key);
  const entry = files[index];
  const name = entry?.name ?? current.key.slice(current.key.lastIndexOf('/') + 1);
  const preview = () => store.getState().preview;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target instanceof HTMLElement && OWN_KEYS.has(event.target.tagName)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') preview().step(1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') preview().step(-1);
    else if (event.key === ' ') preview().close();
    else return;
    event.preventDefault();
  };

  return (
    <Dialog title={name} onClose={() => preview().close()} className={styles.quickLook}>
      <div className={styles.frame} onKeyDown={onKeyDown} data-testid="quick-look">
        <div className={styles.bar}>
          <button
            type="button"
            className="button"
            onClick={() => preview().step(-1)}
            disabled={index <= 0}
            aria-label={t('previous')}
          >
            ‹
          </button>
          <span className={styles.position} aria-live="polite">
            {index >= 0 && t('position', { index: formatCount(index + 1), count: formatCount(files.length) })}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => preview().step(1)}
            disabled={index < 0 || index >= files.length - 1}
            aria-label={t('next')}
          >
            ›
          </button>
          <span className={styles.spacer} />
          <button type="button" className="button" onClick={() => preview().close()}>
            {t('close')}
          </button>
        </div>
        {/* The stage holds focus, so the keys above work from the moment the preview opens. */}
        <div className={styles.stage} tabIndex={-1} data-autofocus>
          <Viewer current={current} entry={entry ?? null} name={name} />
        </div>
      </div>
    </Dialog>
  );
}

function Viewer({ current, entry, name }: { current: PreviewState; entry: ObjectEntry | null; name: string }) {
  const { t } = useTranslation('preview');
  if (current.status === 'loading') return <p className={styles.note}>{t('loading')}</p>;
  if (current.status === 'error')
    return (
      <p className={styles.note} role="alert">
        {t('failed', { message: current.error.message })}
      </p>
    );
  const { link } = current;
  const kind = previewKind(current.key, link.contentType);
  const details = <DetailsView objectKey={current.key} entry={entry} link={link} />;
  switch (kind) {
    case 'image':
    case 'svg':
      return <ImageView url={link.url} name={name} fallback={details} />;
    case 'audio':
    case 'video':
      return <MediaView kind={kind} url={link.url} fallback={details} />;
    case 'text':
    case 'markdown':
    case 'json':
    case 'html':
      return (
        <Suspense fallback={<p className={styles.note}>{t('loading')}</p>}>
          <TextView key={link.url} kind={kind} objectKey={current.key} link={link} />
        </Suspense>
      );
    case 'pdf':
      return (
        <Suspense fallback={<p className={styles.note}>{t('loading')}</p>}>
          <PdfView key={link.url} url={link.url} />
        </Suspense>
      );
    case 'other':
      return details;
  }
}
