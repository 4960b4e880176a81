/**
 * A modal dialog on the native <dialog> (the browser makes the rest inert and traps focus).
 * Focus goes to the first field (or [data-autofocus]), Escape closes, and focus returns to
 * whatever had it before.
 */
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './Dialog.module.css';
import { cx } from './cx';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** 600px instead of 440px. */
  wide?: boolean;
  /** An extra class of the caller's module. */
  className?: string;
  /** Escape closes unless this is false (e.g. while a request must finish first). */
  dismissable?: boolean;
}

const FOCUSABLE =
  '[data-autofocus], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

export function Dialog({ title, onClose, children, wide = false, className, dismissable = true }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  // Layout effect: the dialog must hold focus before the background becomes aria-hidden.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>(`.${styles.dialogBody} :is(${FOCUSABLE})`);
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={cx(styles.dialog, wide && styles.dialogWide, className)}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        // React passes 'cancel' up its tree: Escape in a nested dialog must not close the outer one too.
        event.stopPropagation();
        if (dismissable) onCloseRef.current();
      }}
    >
      <header className={styles.dialogHeader}>
        <h2 id={titleId}>{title}</h2>
      </header>
      <div className={styles.dialogBody}>{children}</div>
    </dialog>
  );
}

/** The row of buttons at the bottom of a dialog. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className={styles.dialogActions}>{children}</div>;
}

/** A form dialog's buttons: Cancel and submit, or a single Close once its batch has finished. */
export function FormActions({
  submitLabel,
  onCancel,
  disabled = false,
  finished = false,
}: {
  submitLabel: string;
  onCancel: () => void;
  disabled?: boolean;
  finished?: boolean;
}) {
  const { t } = useTranslation('common');
  return (
    <DialogActions>
      {finished ? (
        <button type="button" className="button primary" onClick={onCancel}>
          {t('action.close')}
        </button>
      ) : (
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={disabled}>
            {submitLabel}
          </button>
        </>
      )}
    </DialogActions>
  );
}

/** An error shown inside a dialog, with its code: never a bare "failed". */
export function InlineError({ message, code }: { message: string | null; code?: string | undefined }) {
  if (message === null) return null;
  return (
    <p className="inline-error" role="alert">
      {message}
      {code !== undefined && <span className="error-code"> ({code})</span>}
    </p>
  );
}
