/** Editable key/value rows with a remove button each and "Add tag": the tag editor of every panel. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tag } from '../../../../shared/properties';
import { tagProblem } from '../../../../shared/property-rules';
import { PlusIcon } from '../Icons';
import propStyles from './properties.module.css';
import { PropTableHead, RemoveRowCell } from './PropTable';

export interface TagRowsProps {
  tags: readonly Tag[];
  onChange: (tags: Tag[]) => void;
  /** Marks rows the rules refuse (once the person has changed something). */
  showProblems: boolean;
  disabled?: boolean;
  /** Shown instead of the table when there are no rows. */
  emptyText: string;
}

export function TagRows({ tags, onChange, showProblems, disabled = false, emptyText }: TagRowsProps) {
  // The row just added takes the focus (its key is what one types next).
  const [added, setAdded] = useState<number | null>(null);
  const { t } = useTranslation('properties');

  const edit = (index: number, patch: Partial<Tag>): void =>
    onChange(tags.map((tag, i) => (i === index ? { ...tag, ...patch } : tag)));
  const invalid = (index: number): boolean => {
    const tag = tags[index];
    if (!showProblems || tag === undefined) return false;
    return tagProblem(tag.key, tag.value) !== null || tags.findIndex((other) => other.key === tag.key) !== index;
  };

  return (
    <div className={propStyles.tagRows}>
      {tags.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <table className={propStyles.propTable}>
          <PropTableHead columns={[t('tags.key'), t('tags.value')]} />
          <tbody>
            {tags.map((tag, i) => (
              // Rows have no identity of their own: keys change as one types, so the index is the row.
              <tr key={i}>
                <td>
                  <input
                    type="text"
                    aria-label={t('tags.keyOf', { n: i + 1 })}
                    value={tag.key}
                    spellCheck={false}
                    disabled={disabled}
                    autoFocus={added === i}
                    aria-invalid={invalid(i) ? true : undefined}
                    onChange={(e) => edit(i, { key: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={t('tags.valueOf', { n: i + 1 })}
                    value={tag.value}
                    spellCheck={false}
                    disabled={disabled}
                    aria-invalid={invalid(i) ? true : undefined}
                    onChange={(e) => edit(i, { value: e.target.value })}
                  />
                </td>
                <RemoveRowCell
                  label={t('tags.remove', { n: i + 1 })}
                  title={t('tags.removeThis')}
                  disabled={disabled}
                  onRemove={() => {
                    setAdded(null);
                    onChange(tags.filter((_, j) => j !== i));
                  }}
                />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="button button-small"
        disabled={disabled}
        onClick={() => {
          setAdded(tags.length);
          onChange([...tags, { key: '', value: '' }]);
        }}
      >
        <PlusIcon />
        {t('tags.add')}
      </button>
    </div>
  );
}
