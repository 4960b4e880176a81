/** The Versions tab: the focused object's versions and delete markers, newest first. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectVersion } from '../../../../shared/properties';
import { useApp, useAppStore } from '../../store';
import { sameObject, type ObjectRef } from '../../store/props-slice';
import { formatDate, formatSize } from '../../view-model/format';
import { shortVersionId, versionBadges } from '../../view-model/version-rows';
import { NotSupported, PropsError, useSupported } from './Notices';
import { VersionActions } from './VersionActions';
import { cx } from '../cx';
import styles from './VersionsTab.module.css';

/** A version's badges (latest, delete marker…), in the tab and in the version grid. */
export function VersionBadges({ version }: { version: ObjectVersion }) {
  const { t } = useTranslation('properties');
  return versionBadges(version).map((b) => (
    <span key={b} className={cx(styles.badge, b === 'deleteMarker' && styles.badgeMarker)}>
      {t(`badge.${b}`)}
    </span>
  ));
}

/** One version's id, badges, date and size. */
export function VersionSummary({ version }: { version: ObjectVersion }) {
  return (
    <>
      <div className={styles.versionHead}>
        <span className={styles.versionId} title={version.versionId}>
          {shortVersionId(version.versionId)}
        </span>
        <VersionBadges version={version} />
      </div>
      <div className={styles.versionMeta}>
        {formatDate(version.lastModified)}
        {!version.isDeleteMarker && ` · ${formatSize(version.size)}`}
      </div>
    </>
  );
}

export function VersionsTab({ target }: { target: ObjectRef }) {
  const store = useAppStore();
  const state = useApp((s) => s.props.versions);
  const supported = useSupported(target.accountId, 'versioning');
  const { t } = useTranslation('properties');

  useEffect(() => {
    void store.getState().props.loadVersions(target);
  }, [store, target]);

  if (!supported) return <NotSupported />;
  const mine = state !== null && sameObject(state.target, target) ? state : null;
  const versions = mine?.versions ?? [];
  const unversioned = mine !== null && !mine.loading && versions.every((v) => v.versionId === 'null');
  return (
    <div>
      {unversioned && <p className="muted">{t('versions.unversioned')}</p>}
      {versions.length > 0 && (
        <ul className={styles.versionList} aria-label={t('versions.label')}>
          {versions.map((v) => (
            <li key={v.versionId} className={styles.versionItem}>
              <VersionSummary version={v} />
              <VersionActions target={target} version={v} />
            </li>
          ))}
        </ul>
      )}
      {(mine === null || mine.loading) && (
        <p className="muted" aria-busy="true">
          {t('versions.loading')}
        </p>
      )}
      <PropsError error={mine?.error ?? null} />
      {mine !== null && !mine.loading && mine.nextToken !== null && (
        <button
          type="button"
          className="button button-small"
          onClick={() => void store.getState().props.loadMoreVersions()}
        >
          {t('versions.loadMore')}
        </button>
      )}
    </div>
  );
}
