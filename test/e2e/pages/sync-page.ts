/**
 * The folder sync UI by role and accessible name: the new-pair dialog, the sync view (Compare,
 * the plan summary, its sections' lists, Sync, deletions and their confirmation) and how a run
 * ended.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface NewPair {
  folder: string;
  bucket: string;
  prefix: string;
  direction?: 'Upload only' | 'Download only' | 'Both ways';
  conflicts?: 'Newer wins' | 'Ask me';
  deleteMissing?: boolean;
}

export class SyncPage {
  readonly view: Locator;
  readonly summary: Locator;
  readonly lastRun: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByRole('main');
    this.summary = this.view.getByRole('region', { name: 'Plan' });
    this.lastRun = this.view.getByRole('region', { name: 'Last sync' });
  }

  /** Opens "Sync folder…" from the toolbar, fills the dialog and creates the pair (the view opens on it). */
  async create(pair: NewPair): Promise<void> {
    await this.page.getByRole('button', { name: 'Sync folder…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Sync a folder' });
    await dialog.getByRole('textbox', { name: 'Folder on this computer' }).fill(pair.folder);
    await expect(dialog.getByRole('combobox', { name: 'Bucket' })).toHaveValue(pair.bucket);
    await dialog.getByRole('textbox', { name: 'Folder in the bucket' }).fill(pair.prefix);
    if (pair.direction !== undefined) {
      await dialog.getByRole('combobox', { name: 'Direction' }).selectOption({ label: pair.direction });
    }
    if (pair.conflicts !== undefined) {
      await dialog.getByRole('combobox', { name: 'When both sides changed' }).selectOption({ label: pair.conflicts });
    }
    if (pair.deleteMissing === true) {
      await dialog.getByRole('checkbox', { name: 'Delete files that are gone from the other side' }).check();
    }
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.compareButton).toBeVisible();
  }

  get compareButton(): Locator {
    return this.view.getByRole('button', { name: 'Compare', exact: true });
  }

  /** When the plan shown was made (its summary's <time>), or null without one. */
  async planTime(): Promise<string | null> {
    const time = this.summary.locator('time');
    return (await time.count()) > 0 ? time.getAttribute('datetime') : null;
  }

  /** Compares and waits for the plan this comparison made. */
  async compare(): Promise<void> {
    const before = await this.planTime();
    await this.compareButton.click();
    await expect
      .poll(
        async () => {
          const now = await this.planTime();
          return now !== null && now !== before;
        },
        { timeout: 120_000 },
      )
      .toBe(true);
  }

  /** A number in the plan summary: "Uploads" → "3 files". */
  stat(label: string): Locator {
    return this.summary.getByRole('term').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');
  }

  tab(name: 'Changes' | 'Deletions' | 'Conflicts'): Locator {
    return this.view.getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  list(name: 'Changes' | 'Deletions' | 'Conflicts'): Locator {
    return this.view.getByRole('grid', { name });
  }

  row(list: Locator, path: string): Locator {
    return list.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name: path, exact: true }) });
  }

  /** When the last run finished (its summary's <time>), or null before the first. */
  async runTime(): Promise<string | null> {
    const time = this.lastRun.locator('time');
    return (await time.count()) > 0 ? time.getAttribute('datetime') : null;
  }

  /** Runs Sync and waits for the run's summary line. */
  async sync(): Promise<string> {
    const before = await this.runTime();
    await this.view.getByRole('button', { name: 'Sync', exact: true }).click();
    return this.waitForRun(before);
  }

  /** Waits for a run that finished after `before` (a runTime), and returns its summary line without the time. */
  async waitForRun(before: string | null): Promise<string> {
    // A time, and a new one: while a dialog is open the page behind it is hidden from role
    // queries, so "no time" says nothing about the run.
    await expect
      .poll(
        async () => {
          const time = await this.runTime();
          return time !== null && time !== before;
        },
        { timeout: 120_000 },
      )
      .toBe(true);
    const line = await this.lastRun.getByRole('status').innerText();
    const time = await this.lastRun.locator('time').innerText();
    return line.replace(time, '').trim();
  }
}
