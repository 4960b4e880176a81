/**
 * Page objects for a QuickSync account, by role and accessible name: its part of the account
 * form, and the files view (grid "Files", its toolbar and the details pane).
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface QuickSyncAccountForm {
  name: string;
  apiBase: string;
  sessionId: string;
  token: string;
  encryptNames: boolean;
}

/** Fills the open "Add account" (or edit) dialog as a QuickSync account. */
export async function fillQuickSyncAccount(dialog: Locator, form: QuickSyncAccountForm): Promise<void> {
  await dialog.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'QuickSync' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(form.name);
  await dialog.getByRole('textbox', { name: 'API base' }).fill(form.apiBase);
  await dialog.getByRole('textbox', { name: 'Session ID' }).fill(form.sessionId);
  await dialog.getByLabel('Session token').fill(form.token);
  await dialog.getByRole('checkbox', { name: 'Encrypt file names for QS Share' }).setChecked(form.encryptNames);
}

export class QuickSyncFiles {
  readonly grid: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Files' });
    this.details = page.getByRole('complementary', { name: 'Details' });
  }

  /** A file's row, by the name in its first cell. */
  row(name: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name, exact: true }) });
  }

  /** The row's cells as text: name, size, parts, state (and actions while incomplete uploads show). */
  async cells(name: string): Promise<string[]> {
    return (await this.row(name).getByRole('gridcell').allInnerTexts()).map((t) => t.trim());
  }

  async select(name: string): Promise<void> {
    await this.row(name).click();
    await expect(this.row(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** The details pane's value for a term ("Parts", "Name", …). */
  detail(term: string): Locator {
    return this.details
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  async showIncomplete(on: boolean): Promise<void> {
    await this.page.getByRole('checkbox', { name: 'Show incomplete uploads' }).setChecked(on);
  }

  /** Deletes the selection through the toolbar; returns the summary line the dialog showed. */
  async deleteSelection(): Promise<string> {
    await this.page.getByRole('main').getByRole('button', { name: 'Delete', exact: true }).click();
    return this.confirmDeletion();
  }

  /** Confirms the open deletion dialog, waits for the batch and closes it. */
  async confirmDeletion(): Promise<string> {
    const dialog = this.page.getByRole('dialog', { name: /^Delete / });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    const close = dialog.getByRole('button', { name: 'Close' });
    await expect(close).toBeEnabled();
    const summary = (await dialog.getByRole('status').innerText()).trim();
    await close.click();
    await expect(dialog).toBeHidden();
    return summary;
  }
}
