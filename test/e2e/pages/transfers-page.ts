/**
 * Page objects for getting files in and out: real OS-level file drops (through the Chrome
 * DevTools Protocol, so Chromium builds genuine File and DirectoryEntry objects), the
 * transfers panel, Settings → Transfers and the Download dialog.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Drops local files and folders onto `target` the way a file manager does: dragEnter,
 * dragOver and drop at the element's centre, with the paths as the drag's files. Works only
 * on pages with a real origin (about:blank cannot read the dropped folders).
 */
export async function dropPaths(page: Page, target: Locator, paths: string[]): Promise<void> {
  const box = await target.boundingBox();
  if (box === null) throw new Error('the drop target is not visible');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  try {
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    // Two dragOvers, as a moving pointer sends: the drop goes to the target of the last one.
    for (const type of ['dragEnter', 'dragOver', 'dragOver', 'drop'] as const) {
      await cdp.send('Input.dispatchDragEvent', { type, x, y, data });
    }
  } finally {
    await cdp.detach();
  }
}

export class TransfersPanel {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Transfers' });
  }

  /** The job's row in the list (by the name it shows). */
  job(name: string): Locator {
    return this.region.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  progress(name: string): Locator {
    return this.region.getByRole('progressbar', { name: `Progress of ${name}`, exact: true });
  }

  /** The job's progress in percent (aria-valuenow), or -1 while unknown. */
  async percent(name: string): Promise<number> {
    const value = await this.progress(name).getAttribute('aria-valuenow');
    return value === null ? -1 : Number(value);
  }

  /** Shows the panel. Starting a transfer opens it too, so a click may race that: check and retry. */
  async open(): Promise<void> {
    const toggle = this.page.getByRole('button', { name: 'Transfers', exact: true });
    await expect(async () => {
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await expect(this.region).toBeVisible({ timeout: 1000 });
    }).toPass();
  }

  tab(name: 'All' | 'Active' | 'Failed' | 'Done'): Locator {
    return this.region.getByRole('tab', { name, exact: true });
  }

  /**
   * Waits until `done` jobs have finished and nothing is active or failed. The count is the
   * signal: right after a drop or a download starts, "nothing active" may still be the old news.
   */
  async expectFinished(done: number, timeout = 60_000): Promise<void> {
    await expect(this.tab('Done')).toHaveAccessibleDescription(String(done), { timeout });
    await expect(this.tab('Active')).toHaveAccessibleDescription('0');
    await expect(this.tab('Failed')).toHaveAccessibleDescription('0');
  }
}

export interface TransferSettingsInput {
  uploadLimitMiBps?: string;
  multipartFromMiB?: string;
  partSizeMiB?: string;
}

/** Opens Settings, fills the Transfers section, saves and closes. */
export async function setTransferSettings(page: Page, input: TransferSettingsInput): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const form = dialog.getByRole('form', { name: 'Transfer settings' });
  await expect(form).toBeVisible();
  if (input.uploadLimitMiBps !== undefined)
    await form.getByRole('textbox', { name: 'Upload limit (MiB/s)' }).fill(input.uploadLimitMiBps);
  if (input.multipartFromMiB !== undefined)
    await form.getByRole('textbox', { name: 'Upload in parts from (MiB)' }).fill(input.multipartFromMiB);
  if (input.partSizeMiB !== undefined)
    await form.getByRole('textbox', { name: 'Part size (MiB)', exact: true }).fill(input.partSizeMiB);
  await form.getByRole('button', { name: 'Save transfer settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

/** Download the selection into `dir` through the browser host's "Download to folder" field. */
export async function downloadSelectionTo(page: Page, dir: string): Promise<void> {
  await page.getByRole('main').getByRole('button', { name: 'Download', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Download / });
  await dialog.getByRole('textbox', { name: 'Download to folder' }).fill(dir);
  await dialog.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(dialog).toBeHidden();
}
