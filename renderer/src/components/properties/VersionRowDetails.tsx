/** The details pane while "Show versions" is on: the focused version row, with its actions. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../store';
import { selectFocusedRow } from '../../store/props-slice';
import { FileIcon, FolderIcon } from '../Icons';
import { VersionActions } from './VersionActions';
import { VersionSummary } from './VersionsTab';
import { cx } from '../cx';
import detailsStyles from '../DetailsPane.module.css';
import versionStyles from './VersionsTab.module.css';

export function VersionRowDetails() {
  const row = useApp(selectFocusedRow);
  const accountId = useApp((s) => s.objects.location?.accountId ?? '');
  const bucket = useApp((s) => s.objects.location?.bucket ?? '');
  const key = row?.key ?? '';
  const target = useMemo(() => ({ accountId, bucket, key }), [accountId, bucket, key]);
  const { t } = useTranslation('properties');

  if (row === null) return <p className={cx(detailsStyles.detailsEmpty, 'muted')}>{t('versions.none')}</p>;
  return (
    <>
      <div className={detailsStyles.detailsHead}>
        {row.kind === 'folder' ? (
          <FolderIcon className="icon icon-large icon-folder" />
        ) : (
          <FileIcon className="icon icon-large icon-file" />
        )}
        <h2 className={detailsStyles.detailsName}>{row.name}</h2>
        <p className={detailsStyles.detailsKey}>{row.key}</p>
      </div>
      {row.kind === 'folder' ? (
        <p className="muted">{t('versions.folder')}</p>
      ) : (
        <div className={versionStyles.versionItem}>
          <VersionSummary version={row.version} />
          <dl className={detailsStyles.detailsList}>
            <dt>{t('versions.id')}</dt>
            <dd>{row.version.versionId}</dd>
            {!row.version.isDeleteMarker && (
              <>
                <dt>{t('details.etag')}</dt>
                <dd>{row.version.etag}</dd>
                <dt>{t('details.storageClass')}</dt>
                <dd>{row.version.storageClass ?? 'STANDARD'}</dd>
              </>
            )}
          </dl>
          <VersionActions key={row.id} target={target} version={row.version} />
        </div>
      )}
    </>
  );
}
