/** The Versions tab: the focused object's versions and delete markers, newest first. */
import { useEffect } from 'react';
import type { ObjectVersion } from '../../../../shared/properties';
import { useApp, useAppStore } from '../../store';
import { sameObject, type ObjectRef } from '../../store/props-slice';
import { formatDate, formatSize } from '../../view-model/format';
import { shortVersionId, versionBadges } from '../../view-model/version-rows';
import { NotSupported, PropsError, useSupported } from './Notices';
import { VersionActions } from './VersionActions';

/** One version's id, badges, date and size. */
export function VersionSummary({ version }: { version: ObjectVersion }) {
  return (
    <>
      <div className="version-head">
        <span className="version-id" title={version.versionId}>
          {shortVersionId(version.versionId)}
        </span>
        {versionBadges(version).map((b) => (
          <span key={b} className={`badge${b === 'Delete marker' ? ' badge-marker' : ''}`}>
            {b}
          </span>
        ))}
      </div>
      <div className="version-meta">
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
    <div className="versions-tab">
      {unversioned && (
        <p className="muted">
          Versioning is not enabled for this bucket, so only the current version is kept. Turn it on in the
          bucket&apos;s properties.
        </p>
      )}
      {versions.length > 0 && (
        <ul className="version-list" aria-label="Versions">
          {versions.map((v) => (
            <li key={v.versionId} className={`version-item${v.isDeleteMarker ? ' is-marker' : ''}`}>
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
