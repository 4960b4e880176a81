/**
 * Page objects for the app, by role and accessible name only (what a person, or a screen
 * reader, would use). One class per area: accounts dialog, sidebar, object browser.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface S3AccountForm {
  name: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  pathStyle: boolean;
}

export class AppPage {
  readonly accounts: AccountsDialog;
  readonly sidebar: Sidebar;
  readonly browser: ObjectBrowser;

  constructor(readonly page: Page) {
    this.accounts = new AccountsDialog(page);
    this.sidebar = new Sidebar(page);
    this.browser = new ObjectBrowser(page);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitReady();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(this.page.locator('html[data-app-state="ready"]')).toBeAttached();
  }

  /** An error notice (toast or inline) carrying a message. */
  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }
}

export class AccountsDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Add account' });
  }

  async startAdding(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add account' }).click();
    await expect(this.dialog).toBeVisible();
  }

  async fill(form: S3AccountForm): Promise<void> {
    const d = this.dialog;
    await d.getByRole('combobox', { name: 'Service' }).selectOption({ label: 'S3-compatible' });
    await d.getByRole('textbox', { name: 'Name' }).fill(form.name);
    await d.getByRole('textbox', { name: 'Endpoint' }).fill(form.endpoint);
    await d.getByRole('textbox', { name: 'Region' }).fill(form.region);
    await d.getByRole('textbox', { name: 'Access key ID' }).fill(form.accessKeyId);
    await d.getByLabel('Secret access key').fill(form.secretAccessKey);
    await d
      .getByRole('combobox', { name: 'Addressing style' })
      .selectOption({ label: form.pathStyle ? 'Path (host/bucket)' : 'Virtual-hosted (bucket.host)' });
  }

  /** Clicks "Test connection" and returns the result line once the test has finished. */
  async testConnection(): Promise<Locator> {
    await this.dialog.getByRole('button', { name: 'Test connection' }).click();
    const result = this.dialog.getByRole('status');
    await expect(result).not.toHaveText(/Testing connection/);
    await expect(result).toHaveText(/\S/);
    return result;
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save' }).click();
    await expect(this.dialog).toBeHidden();
  }

  async add(form: S3AccountForm): Promise<void> {
    await this.startAdding();
    await this.fill(form);
    await this.save();
  }
}

export class Sidebar {
  readonly accountList: Locator;
  readonly bucketList: Locator;

  constructor(readonly page: Page) {
    this.accountList = page.getByRole('list', { name: 'Accounts' });
    this.bucketList = page.getByRole('list', { name: 'Buckets' });
  }

  account(name: string): Locator {
    return this.accountList.getByRole('button', { name, exact: true });
  }

  async selectAccount(name: string): Promise<void> {
    await this.account(name).click();
  }

  async openSandbox(): Promise<void> {
    await this.account('Local sandbox').click();
  }

  bucket(name: string): Locator {
    return this.bucketList.getByRole('button', { name, exact: true });
  }

  async selectBucket(name: string): Promise<void> {
    await this.bucket(name).click();
  }

  async createBucket(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Create bucket' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Create bucket' });
    await dialog.getByRole('textbox', { name: 'Bucket name' }).fill(name);
    await dialog.getByRole('button', { name: 'Create bucket' }).click();
    await expect(dialog).toBeHidden();
  }
}

export class ObjectBrowser {
  readonly grid: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Objects' });
  }

  /** A row of the grid by the name (or, in search results, the full key) in its first cell. */
  row(name: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name, exact: true }) });
  }

  async expectNames(names: string[]): Promise<void> {
    for (const name of names) await expect(this.row(name)).toBeVisible();
  }

  async openFolder(name: string): Promise<void> {
    await this.row(name).dblclick();
  }

  /** Clicks a row; `extend` adds it to the selection (Ctrl/Cmd+click). */
  async select(name: string, extend = false): Promise<void> {
    await this.row(name).click({ modifiers: extend ? ['ControlOrMeta'] : [] });
    await expect(this.row(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** The breadcrumb trail ("Folder path"); its first entry is the bucket. */
  crumb(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name, exact: true });
  }

  async newFolder(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New folder' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByRole('textbox', { name: 'Folder name' }).fill(name);
    await dialog.getByRole('button', { name: 'Create folder' }).click();
    await expect(dialog).toBeHidden();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.select(from);
    await this.page.getByRole('button', { name: 'Rename' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Rename “${from}”` });
    await dialog.getByRole('textbox', { name: 'New name' }).fill(to);
    await dialog.getByRole('button', { name: 'Rename' }).click();
    // A clean rename closes its dialog; one with failures stays open with the summary.
    await expect(dialog).toBeHidden();
  }

  /** Deletes the selection; returns the summary line the dialog showed. */
  async deleteSelection(): Promise<string> {
    await this.page.getByRole('main').getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    const close = dialog.getByRole('button', { name: 'Close' });
    await expect(close).toBeEnabled();
    const summary = (await dialog.getByRole('status').innerText()).trim();
    await close.click();
    await expect(dialog).toBeHidden();
    return summary;
  }

  async search(query: string): Promise<void> {
    const box = this.page.getByRole('searchbox', { name: 'Search in this folder and subfolders' });
    await box.fill(query);
    await box.press('Enter');
  }

  async filter(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Filter loaded items' }).fill(text);
  }
}
