/**
 * The browser pane's layout, shared by the object browser and a QuickSync account's files: the
 * toolbar, a listing error, the grid beside the details pane, the status line, and the live
 * message of what a drop did (outside the grid, where only rows belong).
 */
import type { ReactNode } from 'react';
import styles from './BrowserLayout.module.css';

export interface BrowserLayoutProps {
  toolbar: ReactNode;
  error: ReactNode;
  grid: ReactNode;
  details: ReactNode;
  statusBar: ReactNode;
  /** What a drop does and what it started (FileDrop's message). */
  dropMessage: string;
}

export function BrowserLayout({ toolbar, error, grid, details, statusBar, dropMessage }: BrowserLayoutProps) {
  return (
    <div className={styles.browser}>
      {toolbar}
      {error}
      <div className={styles.browserContent}>
        {grid}
        {details}
      </div>
      {statusBar}
      <p className="visually-hidden" role="status" aria-live="polite">
        {dropMessage}
      </p>
    </div>
  );
}
