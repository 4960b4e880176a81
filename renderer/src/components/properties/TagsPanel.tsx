/**
 * The tags of a bucket (key null, up to 50) or of one object (up to 10): loaded when shown,
 * edited as rows, checked with the shared rules before Save sends anything; Revert goes back
 * to what the server has.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import type { Tag } from '../../../../shared/properties';
import { MAX_BUCKET_TAGS, MAX_OBJECT_TAGS, tagSetRule } from '../../../../shared/property-rules';
import { ruleText } from '../../i18n/rules';
import { tagsCapability, targetId, type AccessTarget } from '../../store/access-slice';
import { useApp, useAppStore } from '../../store';
import { sameTags } from '../../view-model/access-format';
import { InlineError } from '../Dialog';
import { TagRows } from './TagRows';
import propStyles from './properties.module.css';

export function TagsPanel({ target }: { target: AccessTarget }) {
  const store = useAppStore();
  const { accountId, bucket, key, versionId } = target;
  const id = targetId(target);
  const supported = useApp((s) => s.support.isSupported(accountId, tagsCapability(target)));
  const loaded = useApp((s) => s.access.tags[id]);
  // Kept with the target it is about: a panel re-used for another target shows none.
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);
  const { t } = useTranslation('properties');

  useEffect(() => {
    if (!supported) return;
    void store.getState().access.loadTags({ accountId, bucket, key, ...(versionId !== undefined && { versionId }) });
  }, [store, supported, accountId, bucket, key, versionId]);

  const max = key === null ? MAX_BUCKET_TAGS : MAX_OBJECT_TAGS;
  if (!supported) {
    return (
      <div className={propStyles.propPanel}>
        <p className={propStyles.propUnsupported}>{t('notSupported')}</p>
        <TagRows tags={[]} onChange={() => undefined} showProblems={false} disabled emptyText={t('tags.none')} />
      </div>
    );
  }
  if (loaded === undefined || loaded.status === 'loading') {
    return (
      <p className="muted" aria-busy="true">
        {t('tags.loading')}
      </p>
    );
  }
  if (loaded.status === 'error') {
    return (
      <div className={propStyles.propPanel}>
        <InlineError message={t('tags.loadFailed', { message: loaded.error.message })} code={loaded.error.code} />
        <button
          type="button"
          className="button button-small"
          onClick={() => void store.getState().access.loadTags(target)}
        >
          {t('common:action.tryAgain')}
        </button>
      </div>
    );
  }
  return (
    <div className={propStyles.propPanel}>
      <TagsEditor
        key={`${id}#${loaded.revision}`}
        target={target}
        saved={loaded.value}
        max={max}
        onEdit={() => setNotice(null)}
        onSaved={() => setNotice({ id, text: t('tags.saved') })}
      />
      {notice?.id === id && (
        <p role="status" className={propStyles.propNotice}>
          {notice.text}
        </p>
      )}
    </div>
  );
}

function TagsEditor({
  target,
  saved,
  max,
  onEdit,
  onSaved,
}: {
  target: AccessTarget;
  saved: Tag[];
  max: number;
  onEdit: () => void;
  onSaved: () => void;
}) {
  const store = useAppStore();
  const id = useId();
  const [draft, setDraft] = useState<Tag[]>(saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { t } = useTranslation('properties');
  const dirty = !sameTags(draft, saved);
  const problem = ruleText(tagSetRule(draft, target.key === null ? 'bucket' : 'object'));
  const showProblem = dirty && problem !== null;

  const change = (tags: Tag[]): void => {
    setDraft(tags);
    setError(null);
    onEdit();
  };

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!dirty || problem !== null || busy) return;
    setBusy(true);
    const result = await store.getState().access.saveTags(target, draft);
    setBusy(false);
    if (result.ok) onSaved();
    else setError(result.error);
  }

  return (
    <form
      className="form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={t('tab.tags')}
      aria-describedby={`${id}-count`}
    >
      <p id={`${id}-count`} className={`field-hint${draft.length > max ? ' field-error' : ''}`}>
        {t('tags.count', { count: draft.length, max })}
      </p>
      <TagRows
        tags={draft}
        onChange={change}
        showProblems={dirty}
        disabled={busy}
        emptyText={target.key === null ? t('tags.bucketNone') : t('tags.objectNone')}
      />
      {showProblem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <InlineError
        message={error === null ? null : t('tags.saveFailed', { message: error.message })}
        code={error?.code}
      />
      <div className={propStyles.propActions}>
        <button type="button" className="button" disabled={!dirty || busy} onClick={() => change(saved)}>
          {t('acl.revert')}
        </button>
        <button type="submit" className="button primary" disabled={!dirty || problem !== null || busy}>
          {busy ? t('common:saving') : t('tags.save')}
        </button>
      </div>
    </form>
  );
}
