/**
 * The details pane of a QuickSync account: the focused file as `quicksync:details` describes it
 * (the listed row meanwhile), with Resume and Delete while its upload is incomplete. QuickSync
 * keeps no tags, permissions, versions or locks, so there are no such tabs.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuickSyncFile } from '../../../shared/quicksync';
import { selectFocusedFile, useApp, useAppStore } from '../store';
import { formatCount, formatSize } from '../view-model/format';
import { fileState, resumeProblem } from '../view-model/quicksync-files';
import { InlineError } from './Dialog';
import { FileIcon } from './Icons';
import { IncompleteActions } from './QuickSyncTable';
import { cx } from './cx';
import detailsStyles from './DetailsPane.module.css';
import styles from './QuickSyncDetails.module.css';

/** Wait this long after the focus settles before asking the service (arrow keys move fast). */
const DETAILS_DELAY_MS = 150;

function FileProperties({ file, busy }: { file: QuickSyncFile; busy: boolean }) {
  const { t } = useTranslation('quicksync');
  return (
    <>
      <div className={detailsStyles.detailsHead}>
        <FileIcon className="icon icon-large icon-file" />
        <h2 className={detailsStyles.detailsName}>{file.name}</h2>
      </div>
      <dl className={detailsStyles.detailsList} aria-busy={busy}>
        <dt>{t('column.size')}</dt>
        <dd>{t('common:sizeWithBytes', { size: formatSize(file.size), count: file.size })}</dd>
        <dt>{t('column.parts')}</dt>
        <dd>{formatCount(file.totalParts)}</dd>
        <dt>{t('column.state')}</dt>
        <dd>{fileState(file)}</dd>
        <dt>{t('column.name')}</dt>
        <dd>{file.nameWasEncrypted ? t('details.nameEncrypted') : t('details.nameNotEncrypted')}</dd>
        <dt>{t('details.fileKey')}</dt>
        <dd className={detailsStyles.detailsKey}>{file.fileKey}</dd>
      </dl>
      {!file.completed && (
        <div className={styles.fileIncomplete}>
          <p className="muted">{resumeProblem(file) ?? t('details.unfinished')}</p>
          <IncompleteActions file={file} />
        </div>
      )}
    </>
  );
}

export function QuickSyncDetails() {
  const store = useAppStore();
  const row = useApp(selectFocusedFile);
  const selectedCount = useApp((s) => s.quicksync.selected.size);
  const listId = useApp((s) => s.quicksync.listId);
  const details = useApp((s) => s.quicksync.details);
  const { t } = useTranslation('quicksync');

  // Asked again after every listing too: the file may have completed or gone meanwhile.
  const key = row?.fileKey ?? null;
  useEffect(() => {
    if (key === null) return;
    const timer = setTimeout(() => void store.getState().quicksync.loadDetails(key, true), DETAILS_DELAY_MS);
    return () => clearTimeout(timer);
  }, [store, key, listId]);

  const mine = details !== null && details.fileKey === key ? details : null;
  return (
    <aside className={detailsStyles.details} aria-label={t('common:details')}>
      {selectedCount > 1 ? (
        <p className={detailsStyles.detailsCount}>{t('details.selected', { count: selectedCount })}</p>
      ) : row === null ? (
        <p className={cx(detailsStyles.detailsEmpty, 'muted')}>{t('details.none')}</p>
      ) : (
        <>
          <FileProperties file={mine?.status === 'ready' ? mine.value : row} busy={mine?.status === 'loading'} />
          {mine?.status === 'error' && <InlineError message={mine.error.message} code={mine.error.code} />}
        </>
      )}
    </aside>
  );
}
