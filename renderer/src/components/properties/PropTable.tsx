/** The parts of an editable property table (tags, grants): its header and a row's Remove button. */
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../Icons';
import { IconButton } from '../IconButton';
import propStyles from './properties.module.css';

/** The column headers, then the Remove column (named for screen readers only). */
export function PropTableHead({ columns }: { columns: readonly string[] }) {
  const { t } = useTranslation('common');
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
        <th scope="col" className={propStyles.propTableAction}>
          <span className="visually-hidden">{t('action.remove')}</span>
        </th>
      </tr>
    </thead>
  );
}

/** The last cell of a row: a button that removes it. */
export function RemoveRowCell({
  label,
  title,
  disabled,
  onRemove,
}: {
  label: string;
  title: string;
  disabled?: boolean;
  onRemove: () => void;
}) {
  return (
    <td className={propStyles.propTableAction}>
      <IconButton label={label} title={title} icon={<CloseIcon />} disabled={disabled} onClick={onRemove} />
    </td>
  );
}
