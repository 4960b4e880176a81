/**
 * The committed sample files of the local sandbox (sandbox-samples/: an image, a video, a text
 * file, a Markdown README, JSON and a PDF), seeded as they are so every preview can be tried at
 * once. They sit beside this module in the sources and beside the bundle's chunks in out/ (the
 * builds copy them there with `sandboxSamplesPlugin`), so one relative URL finds them in both.
 */
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedObject } from './sandbox-seed';

const FOLDER = 'sandbox-samples';

/** Where the files are at run time (the sources' folder, or the bundle's copy). */
export const SANDBOX_SAMPLES_DIR = fileURLToPath(new URL(`./${FOLDER}/`, import.meta.url));

export interface SandboxSample {
  bucket: string;
  key: string;
  /** The file's name in sandbox-samples/. */
  file: string;
  contentType: string;
}

export const SANDBOX_SAMPLES: readonly SandboxSample[] = [
  { bucket: 'photos', key: 'fractal.jpg', file: 'fractal.jpg', contentType: 'image/jpeg' },
  { bucket: 'photos', key: 'clip.webm', file: 'clip.webm', contentType: 'video/webm' },
  { bucket: 'documents', key: 'README.md', file: 'README.md', contentType: 'text/markdown' },
  { bucket: 'documents', key: 'notes.txt', file: 'notes.txt', contentType: 'text/plain' },
  { bucket: 'documents', key: 'settings.json', file: 'settings.json', contentType: 'application/json' },
  { bucket: 'documents', key: 'guide.pdf', file: 'guide.pdf', contentType: 'application/pdf' },
];

/** The sample files as seed objects of their buckets. */
export async function readSandboxSamples(dir = SANDBOX_SAMPLES_DIR): Promise<Map<string, SeedObject[]>> {
  const byBucket = new Map<string, SeedObject[]>();
  for (const sample of SANDBOX_SAMPLES) {
    const body = await readFile(path.join(dir, sample.file));
    const objects = byBucket.get(sample.bucket) ?? [];
    objects.push({ key: sample.key, body, contentType: sample.contentType });
    byBucket.set(sample.bucket, objects);
  }
  return byBucket;
}

/**
 * A Vite/electron-vite build plugin: copies the folder `source` (sandbox-samples/, named by the
 * config: this module's own URL is not kept when a config imports it) into the bundle's output
 * folder. Typed structurally, so the core needs no build-tool types.
 */
export function sandboxSamplesPlugin(source: string) {
  return {
    name: 'qstorage-sandbox-samples',
    apply: 'build' as const,
    async writeBundle(options: { dir?: string | undefined }): Promise<void> {
      if (options.dir !== undefined) await cp(source, path.join(options.dir, FOLDER), { recursive: true });
    },
  };
}
