/**
 * Page objects for tags and permissions: the tag editor (details pane, bucket properties,
 * upload options), the permissions editor with its public warning, and a counter of the
 * requests the page sends on a channel (to prove a refused edit sent nothing).
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface TagInput {
  key: string;
  value: string;
}

/** The rows of a tag editor inside `root`: replace them all, then Save. */
export class TagsEditor {
  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {}

  key(index: number): Locator {
    return this.root.getByRole('textbox', { name: `Key of tag ${index + 1}`, exact: true });
  }

  value(index: number): Locator {
    return this.root.getByRole('textbox', { name: `Value of tag ${index + 1}`, exact: true });
  }

  /** Removes every row, then types `tags` as new rows. */
  async replaceWith(tags: readonly TagInput[]): Promise<void> {
    const remove = this.root.getByRole('button', { name: /^Remove tag \d+$/ });
    while ((await remove.count()) > 0) await remove.first().click();
    for (const [i, tag] of tags.entries()) {
      await this.root.getByRole('button', { name: 'Add tag', exact: true }).click();
      await this.key(i).fill(tag.key);
      await this.value(i).fill(tag.value);
    }
  }

  async expectRows(tags: readonly TagInput[]): Promise<void> {
    await expect(this.root.getByRole('textbox', { name: /^Key of tag \d+$/ })).toHaveCount(tags.length);
    for (const [i, tag] of tags.entries()) {
      await expect(this.key(i)).toHaveValue(tag.key);
      await expect(this.value(i)).toHaveValue(tag.value);
    }
  }

  saveButton(): Locator {
    return this.root.getByRole('button', { name: 'Save tags' });
  }

  async save(): Promise<void> {
    await this.saveButton().click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Tags saved.' })).toBeVisible();
  }
}

/** Counts the invoke messages the page sends on a channel, over every WebSocket it opens from now on. */
export function countSentInvokes(page: Page, channel: string): () => number {
  let count = 0;
  const marker = `"channel":"${channel}"`;
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      if (text.includes(marker)) count++;
    });
  });
  return () => count;
}
