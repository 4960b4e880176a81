/**
 * Tags of many objects at once: tags to add (or whose value to replace) and tag keys to
 * remove; every other tag of each object stays. Runs as a batch operation with progress and
 * Stop, then lists exactly which objects failed and why.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tag } from '../../../../shared/properties';
import { MAX_OBJECT_TAGS, tagProblem } from '../../../../shared/property-rules';
import { selectRun, useApp, useAppStore } from '../../store';
import { bulkTagsProblem } from '../../view-model/access-format';
import { CloseIcon, PlusIcon } from '../Icons';
import { OperationView } from '../OperationView';
import { TagRows } from './TagRows';
import { cx } from '../cx';
import detailsStyles from '../DetailsPane.module.css';
import propStyles from './properties.module.css';

export function BulkTagsPanel({ accountId, bucket, keys }: { accountId: string; bucket: string; keys: string[] }) {
  const store = useAppStore();
  const id = useId();
  const supported = useApp((s) => s.support.isSupported(accountId, 'objectTags'));
  const [set, setSet] = useState<Tag[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const [operationId, setOperationId] = useState<string | null>(null);
  const run = useApp(selectRun(operationId));
  const running = run?.status === 'running';
  const problem = bulkTagsProblem(set, remove);
  const disabled = !supported || running;
  const { t } = useTranslation('properties');

  function submit(event: FormEvent): void {
    event.preventDefault();
    setTouched(true);
    if (problem !== null || disabled) return;
    const started = store.getState().access.editTags({ accountId, bucket, keys, set, remove });
    if (started.ok) setOperationId(started.value.operationId);
  }

  return (
    <form className={cx('form', propStyles.propPanel)} onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={detailsStyles.detailsSubheading}>
        {t('bulkTags.title', { count: keys.length })}
      </h3>
      {!supported && <p className={propStyles.propUnsupported}>{t('notSupported')}</p>}
      <p className="field-hint">{t('bulkTags.hint', { max: MAX_OBJECT_TAGS })}</p>
      <div role="group" aria-labelledby={`${id}-set`}>
        <p id={`${id}-set`} className={propStyles.propLegend}>
          {t('bulkTags.set')}
        </p>
        <TagRows
          tags={set}
          onChange={(tags) => {
            setSet(tags);
            setTouched(true);
          }}
          showProblems={touched}
          disabled={disabled}
          emptyText={t('bulkTags.noneToSet')}
        />
      </div>
      <div role="group" aria-labelledby={`${id}-remove`}>
        <p id={`${id}-remove`} className={propStyles.propLegend}>
          {t('bulkTags.remove')}
        </p>
        <KeyRows
          keys={remove}
          disabled={disabled}
          showProblems={touched}
          onChange={(next) => {
            setRemove(next);
            setTouched(true);
          }}
        />
      </div>
      {touched && problem !== null && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {operationId !== null && <OperationView operationId={operationId} />}
      <div className={propStyles.propActions}>
        <button type="submit" className="button primary" disabled={disabled || problem !== null}>
          {t('bulkTags.apply', { count: keys.length })}
        </button>
      </div>
    </form>
  );
}

function KeyRows({
  keys,
  onChange,
  disabled,
  showProblems,
}: {
  keys: readonly string[];
  onChange: (keys: string[]) => void;
  disabled: boolean;
  showProblems: boolean;
}) {
  const [added, setAdded] = useState<number | null>(null);
  const { t } = useTranslation('properties');
  return (
    <div className={propStyles.tagRows}>
      {keys.length === 0 ? (
        <p className="muted">{t('bulkTags.noneToRemove')}</p>
      ) : (
        <ul className={propStyles.keyRows}>
          {keys.map((key, i) => (
            // The index is the row: its text changes as one types.
            <li key={i}>
              <input
                type="text"
                aria-label={t('bulkTags.keyToRemove', { n: i + 1 })}
                value={key}
                spellCheck={false}
                disabled={disabled}
                autoFocus={added === i}
                aria-invalid={showProblems && tagProblem(key, '') !== null ? true : undefined}
                onChange={(e) => onChange(keys.map((k, j) => (j === i ? e.target.value : k)))}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={t('bulkTags.keepKey', { n: i + 1 })}
                title={t('bulkTags.takeOff')}
                disabled={disabled}
                onClick={() => {
                  setAdded(null);
                  onChange(keys.filter((_, j) => j !== i));
                }}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button button-small"
        disabled={disabled}
        onClick={() => {
          setAdded(keys.length);
          onChange([...keys, '']);
        }}
      >
        <PlusIcon />
        {t('bulkTags.addKey')}
      </button>
    </div>
  );
}
