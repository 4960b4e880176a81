/** A checkbox with its sentence on one line, as the properties forms show their switches. */
import type { ReactNode } from 'react';
import propStyles from './properties.module.css';

export function CheckLine({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className={propStyles.checkLine}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
