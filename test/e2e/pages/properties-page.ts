/**
 * Page objects for the details pane's tabs, the share dialog, the bucket properties dialog and
 * the "Show versions" grid, by role and accessible name.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type ObjectTab = 'Details' | 'Tags' | 'Permissions' | 'Versions' | 'Lock';
export type BucketTab = 'Tags' | 'Permissions' | 'Versioning' | 'Object lock' | 'Encryption' | 'Website';

export class DetailsPane {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('complementary', { name: 'Details' });
  }

  /** Selects a tab of the focused object and returns its panel. */
  async tab(name: ObjectTab): Promise<Locator> {
    await this.root.getByRole('tab', { name, exact: true }).click();
    const panel = this.root.getByRole('tabpanel', { name });
    await expect(panel).toBeVisible();
    return panel;
  }

  /** The Details tab in Edit mode. */
  async edit(): Promise<Locator> {
    const panel = await this.tab('Details');
    await panel.getByRole('button', { name: 'Edit properties' }).click();
    const form = panel.getByRole('form', { name: 'Edit properties' });
    await expect(form).toBeVisible();
    return form;
  }

  /** Adds a user metadata row and types into it. */
  async addMetadata(form: Locator, name: string, value: string): Promise<void> {
    await form.getByRole('button', { name: 'Add metadata' }).click();
    await form.getByRole('textbox', { name: 'Metadata name' }).last().fill(name);
    await form.getByRole('textbox', { name: 'Metadata value' }).last().fill(value);
  }

  /** A version in the Versions tab, by (the start of) its id. */
  version(panel: Locator, versionId: string): Locator {
    return panel
      .getByRole('list', { name: 'Versions' })
      .getByRole('listitem')
      .filter({ has: this.page.getByTitle(versionId, { exact: true }) });
  }
}

export class ShareDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Share “/ });
  }

  async customExpiry(hours: string, minutes: string): Promise<void> {
    await this.dialog.getByRole('radio', { name: 'Custom' }).check();
    await this.dialog.getByRole('textbox', { name: 'Hours' }).fill(hours);
    await this.dialog.getByRole('textbox', { name: 'Minutes' }).fill(minutes);
  }

  /** Creates the link and returns the URL shown in the read-only field. */
  async create(): Promise<string> {
    await this.dialog.getByRole('button', { name: 'Create link' }).click();
    const field = this.dialog.getByRole('textbox', { name: 'Share link' });
    await expect(field).toHaveValue(/^https?:\/\//);
    return field.inputValue();
  }
}

export class BucketProperties {
  readonly dialog: Locator;

  constructor(
    readonly page: Page,
    bucket: string,
  ) {
    this.dialog = page.getByRole('dialog', { name: `Properties of “${bucket}”` });
  }

  /** Opens the dialog from the bucket's entry in the sidebar. */
  async openFromSidebar(bucket: string): Promise<void> {
    await this.page.getByRole('button', { name: `Properties of bucket ${bucket}` }).click();
    await expect(this.dialog).toBeVisible();
  }

  async tab(name: BucketTab): Promise<Locator> {
    await this.dialog.getByRole('tab', { name, exact: true }).click();
    const panel = this.dialog.getByRole('tabpanel', { name });
    await expect(panel).toBeVisible();
    return panel;
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Done' }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** The object grid while "Show versions" is on. */
export class VersionGrid {
  readonly grid: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Object versions' });
  }

  async show(on: boolean): Promise<void> {
    await this.page.getByRole('checkbox', { name: 'Show versions' }).setChecked(on);
    if (on) await expect(this.grid).toBeVisible();
    else await expect(this.grid).toBeHidden();
  }

  /** Rows of one key (its name in the first cell). */
  rowsOf(name: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name, exact: true }) });
  }
}
