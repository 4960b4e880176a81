/** The Versions tab: the focused object's versions and delete markers, newest first. */
import { useEffect } from 'react';
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
  return versionBadges(version).map((b) => (
    <span key={b} className={cx(styles.badge, b === 'Delete marker' && styles.badgeMarker)}>
      {b}
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

  useEffect(() => {
    void store.getState().props.loadVersions(target);
  }, [store, target]);

  if (!supported) return <NotSupported />;
  const mine = state !== null && sameObject(state.target, target) ? state : null;
  const versions = mine?.versions ?? [];
  const unversioned = mine !== null && !mine.loading && versions.every((v) => v.versionId === 'null');
  return (
    <div>
      {unversioned && (
        <p className="muted">
          Versioning is not enabled for this bucket, so only the current version is kept. Turn it on in the
          bucket&apos;s properties.
        </p>
      )}
      {versions.length > 0 && (
        <ul className={styles.versionList} aria-label="Versions">
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
          Loading versions…
        </p>
      )}
      <PropsError error={mine?.error ?? null} />
      {mine !== null && !mine.loading && mine.nextToken !== null && (
        <button
          type="button"
          className="button button-small"
          onClick={() => void store.getState().props.loadMoreVersions()}
        >
          Load more versions
        </button>
      )}
    </div>
  );
}
