/**
 * The light viewers: images (SVG too, always through <img>, where it never runs script),
 * audio and video on the range-served link, and the details with Open/Download for anything else.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectEntry, PreviewLink } from '../../../../shared/models';
import { canOpenWithSystem } from '../../store/edits-slice';
import { useApp, useAppStore } from '../../store';
import { formatDate, formatSize } from '../../view-model/format';
import styles from './QuickLook.module.css';

export function ImageView({ url, name, fallback }: { url: string; name: string; fallback: ReactNode }) {
  const [failed, setFailed] = useState(false);
  const { t } = useTranslation('preview');
  if (failed)
    return (
      <>
        <p className={styles.note}>{t('imageFailed')}</p>
        {fallback}
      </>
    );
  return <img className={styles.image} src={url} alt={name} onError={() => setFailed(true)} />;
}

export function MediaView({ kind, url, fallback }: { kind: 'audio' | 'video'; url: string; fallback: ReactNode }) {
  const [failed, setFailed] = useState(false);
  const { t } = useTranslation('preview');
  if (failed)
    return (
      <>
        <p className={styles.note}>{t('mediaFailed')}</p>
        {fallback}
      </>
    );
  const onError = () => setFailed(true);
  return kind === 'video' ? (
    <video className={styles.video} src={url} controls preload="metadata" onError={onError} />
  ) : (
    <audio className={styles.audio} src={url} controls preload="metadata" onError={onError} />
  );
}

export function DetailsView({
  objectKey,
  entry,
  link,
}: {
  objectKey: string;
  entry: ObjectEntry | null;
  link: PreviewLink;
}) {
  const { t } = useTranslation('preview');
  const store = useAppStore();
  const canOpen = useApp((s) => canOpenWithSystem(s.ui.info));
  const name = objectKey.slice(objectKey.lastIndexOf('/') + 1);
  return (
    <div className={styles.details}>
      <p className={styles.note}>{t('noPreview')}</p>
      <dl className={styles.facts}>
        <dt>{t('details.name')}</dt>
        <dd>{name}</dd>
        <dt>{t('details.size')}</dt>
        <dd>{formatSize(link.size)}</dd>
        <dt>{t('details.type')}</dt>
        <dd>{link.contentType ?? t('details.unknownType')}</dd>
        <dt>{t('details.modified')}</dt>
        <dd>{formatDate(entry?.lastModified ?? null)}</dd>
      </dl>
      <div className={styles.actions}>
        {canOpen && (
          <button type="button" className="button" onClick={() => void store.getState().edits.open(objectKey)}>
            {t('open')}
          </button>
        )}
        <button
          type="button"
          className="button primary"
          onClick={() => void store.getState().objects.download(objectKey)}
        >
          {t('download')}
        </button>
      </div>
    </div>
  );
}
