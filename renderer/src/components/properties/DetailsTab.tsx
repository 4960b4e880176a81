/** The Details tab: what `objects:head` says of the object, and an Edit mode for its properties. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectDetails } from '../../../../shared/models';
import { selectHasCapability, useApp, type DetailsState } from '../../store';
import type { ObjectRef } from '../../store/props-slice';
import { formatDate, formatSize } from '../../view-model/format';
import { EditPropertiesForm } from './EditPropertiesForm';
import { NotSupported, useSupported } from './Notices';
import detailsStyles from '../DetailsPane.module.css';
import propStyles from './properties.module.css';

function Row({ term, value }: { term: string; value: string | null }) {
  if (value === null || value === '') return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

function DetailsView({ d }: { d: ObjectDetails }) {
  const metadata = Object.entries(d.metadata);
  const { t } = useTranslation('properties');
  return (
    <>
      <dl className={detailsStyles.detailsList}>
        <Row term={t('details.size')} value={t('common:sizeWithBytes', { size: formatSize(d.size), count: d.size })} />
        <Row term={t('details.type')} value={d.contentType} />
        <Row term={t('details.lastModified')} value={formatDate(d.lastModified)} />
        <Row term={t('details.etag')} value={d.etag} />
        <Row term={t('details.storageClass')} value={d.storageClass ?? 'STANDARD'} />
        <Row term={t('tab.encryption')} value={d.serverSideEncryption ?? t('encryption.none')} />
        <Row term={t('details.kmsKey')} value={d.kmsKeyId} />
        <Row term={t('details.version')} value={d.versionId} />
        <Row term={t('header.cacheControl')} value={d.cacheControl} />
        <Row term={t('header.contentDisposition')} value={d.contentDisposition} />
        <Row term={t('header.contentEncoding')} value={d.contentEncoding} />
        <Row term={t('header.contentLanguage')} value={d.contentLanguage} />
        <Row term={t('header.expires')} value={d.expires} />
      </dl>
      <h3 className={detailsStyles.detailsSubheading}>{t('details.metadata')}</h3>
      {metadata.length === 0 ? (
        <p className="muted">{t('details.noMetadata')}</p>
      ) : (
        <dl className={detailsStyles.detailsList}>
          {metadata.map(([k, v]) => (
            <Row key={k} term={k} value={v} />
          ))}
        </dl>
      )}
    </>
  );
}

export function DetailsTab({ target, details }: { target: ObjectRef; details: DetailsState | null }) {
  const [editing, setEditing] = useState(false);
  const supported = useSupported(target.accountId, 'metadata');
  const declared = useApp(selectHasCapability('metadata'));
  const { t } = useTranslation('properties');

  if (details === null || details.key !== target.key || details.status === 'loading')
    return (
      <p className="muted" aria-busy="true">
        {t('details.loading')}
      </p>
    );
  if (details.status === 'error')
    return (
      <p className="inline-error" role="alert">
        {details.error.message} <span className="error-code">({details.error.code})</span>
      </p>
    );
  if (editing) return <EditPropertiesForm target={target} details={details.value} onDone={() => setEditing(false)} />;
  return (
    <>
      <DetailsView d={details.value} />
      {/* A provider without metadata edits (the local sandbox) shows no button at all. */}
      {declared && (
        <>
          <div className={propStyles.propActions}>
            <button type="button" className="button" disabled={!supported} onClick={() => setEditing(true)}>
              {t('details.edit')}
            </button>
          </div>
          {!supported && <NotSupported />}
        </>
      )}
    </>
  );
}
