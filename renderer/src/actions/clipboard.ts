/**
 * Copying text from a menu item. Both hosts allow the async clipboard for writing: the browser
 * host on its loopback origin (a secure context), Electron by granting the page
 * `clipboard-sanitized-write` only (electron/main/permissions.ts). Reading stays refused.
 */
import type { ActionContext } from './types';

/** Copies `text`; a toast says it was copied, or that it could not be. */
export async function copyText(c: Pick<ActionContext, 'store' | 't'>, text: string): Promise<void> {
  const ui = c.store.getState().ui;
  try {
    await navigator.clipboard.writeText(text);
    ui.notify('info', c.t('copied'));
  } catch {
    ui.notify('error', c.t('copyFailed'));
  }
}
