/** A button that shows only an icon: its name for assistive technology, and a tooltip. */
import type { ReactNode } from 'react';

export function IconButton({
  label,
  title = label,
  icon,
  disabled,
  onClick,
}: {
  label: string;
  /** The tooltip, when it says more than the name (a shortcut, say). */
  title?: string;
  icon: ReactNode;
  disabled?: boolean | undefined;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={title}
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
    </button>
  );
}
