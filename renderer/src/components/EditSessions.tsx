/**
 * The files being edited in place (desktop app): each with its state (watching, uploading,
 * uploaded at a time, a conflict with its three answers, an error) and Stop editing. Shown at
 * the top of the Transfers panel while there are any.
 */
import { useTranslation } from 'react-i18next';
import type { EditSession } from '../../../shared/channels/edits';
import { baseName } from '../../../shared/keys';
import { useApp, useAppStore } from '../store';
import { cx } from './cx';
import styles from './EditSessions.module.css';

function SessionState({ session }: { session: EditSession }) {
  const { t } = useTranslation('edit');
  if (session.state === 'uploaded' && session.uploadedAt !== null) {
    return <>{t('state.uploadedAt', { at: new Date(session.uploadedAt) })}</>;
  }
  if (session.state === 'error') return <>{t('state.error', { message: session.error?.message ?? '' })}</>;
  return <>{t(`state.${session.state}`)}</>;
}

function SessionRow({ session }: { session: EditSession }) {
  const store = useAppStore();
  const { t } = useTranslation('edit');
  const edits = () => store.getState().edits;
  const name = baseName(session.key);
  const conflict = session.state === 'conflict';
  return (
    <li className={cx(styles.session, conflict && styles.isConflict)} aria-label={name}>
      <span className={styles.name} title={`${session.bucket}/${session.key}`}>
        {name}
      </span>
      <span className={cx(styles.state, session.state === 'error' && styles.isError)} role="status">
        <SessionState session={session} />
      </span>
      {conflict && (
        <span className={styles.question} role="group" aria-label={t('conflict.question', { name })}>
          <span className={styles.questionText}>{t('conflict.question', { name })}</span>
          <button
            type="button"
            className="button button-small"
            onClick={() => void edits().resolve(session.id, 'overwrite')}
          >
            {t('conflict.overwrite')}
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => void edits().resolve(session.id, 'keepBoth')}
          >
            {t('conflict.keepBoth')}
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => void edits().resolve(session.id, 'discard')}
          >
            {t('conflict.discard')}
          </button>
        </span>
      )}
      <button
        type="button"
        className="button button-small"
        aria-label={t('stopNamed', { name })}
        onClick={() => void edits().stop(session.id)}
      >
        {t('stop')}
      </button>
    </li>
  );
}

export function EditSessions() {
  const sessions = useApp((s) => s.edits.sessions);
  const { t } = useTranslation('edit');
  if (sessions.length === 0) return null;
  return (
    <section className={styles.sessions} aria-label={t('title')}>
      <h3 className={styles.title}>{t('title')}</h3>
      <ul className={styles.list}>
        {sessions.map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
      </ul>
    </section>
  );
}
