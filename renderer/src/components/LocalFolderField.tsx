/**
 * A folder on this computer, for a download or a sync pair. The desktop app asks with its native
 * folder dialog when the form is sent, so here it only says so; the browser host has none, so
 * the full path is typed.
 */
import { useId } from 'react';

export function LocalFolderField({
  nativeDialog,
  value,
  onChange,
  disabled,
  problem,
  text,
}: {
  nativeDialog: boolean;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  /** What is wrong with the typed path, once it should be said; null: the hint shows. */
  problem: string | null;
  /** `chooseNext`: the desktop app's note that its dialog comes next. */
  text: { label: string; hint: string; chooseNext: string };
}) {
  const id = useId();
  if (nativeDialog) return <p className="field-hint">{text.chooseNext}</p>;
  return (
    <div className="field">
      <label htmlFor={`${id}-folder`}>{text.label}</label>
      <input
        id={`${id}-folder`}
        type="text"
        value={value}
        spellCheck={false}
        disabled={disabled}
        aria-invalid={problem !== null ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-hint`} className={problem !== null ? 'field-error' : 'field-hint'} aria-live="polite">
        {problem ?? text.hint}
      </p>
    </div>
  );
}
