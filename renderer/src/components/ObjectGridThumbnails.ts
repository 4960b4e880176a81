/**
 * The grid view's thumbnails: asked for the visible image tiles only (a scroll settles first),
 * from the core's disk cache in one batch, and the misses made here, at most a few at a time:
 * the object's preview link is loaded into an <img> (the page's img-src allows its own links;
 * an SVG is drawn as an image, never run), scaled to a small WebP on a canvas, shown, and
 * handed to the core's cache. A tile scrolled away before its turn is dropped, and one being
 * made is cancelled. Images above SIZE_CAP are left as icons.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { previewKind } from '../../../shared/preview-types';
import type { ObjectEntry } from '../../../shared/models';
import { getApi, type InvokeOf } from '../api';

type ThumbnailApi = {
  invoke: InvokeOf<'objects:preview' | 'objects:closePreview' | 'thumbnails:get' | 'thumbnails:put'>;
};

export interface Place {
  accountId: string;
  bucket: string;
}

/** Larger images are not downloaded for a thumbnail. */
export const SIZE_CAP = 20 * 1024 * 1024;
/** The thumbnail's longer edge in pixels (a tile shows ~112 CSS px, so sharp at 1.5×). */
const EDGE = 176;
const CONCURRENCY = 3;
/** How long the visible tiles must stay put before thumbnails are asked for (fast scrolls ask for nothing). */
const SETTLE_MS = 120;
/** Thumbnails kept in memory (data: URLs of a few kilobytes). */
const MEMORY_LIMIT = 2000;

/** Whether the entry gets a thumbnail: an image (or SVG) with an ETag to name its version. */
export function hasThumbnail(entry: ObjectEntry): entry is ObjectEntry & { etag: string } {
  if (entry.kind !== 'object' || entry.etag === null) return false;
  const kind = previewKind(entry.key, null);
  return kind === 'image' || kind === 'svg';
}

/** One object version's thumbnail (what the disk cache names it by, too). */
export const thumbnailId = (place: Place, key: string, etag: string): string =>
  [place.accountId, place.bucket, key, etag].join('\0');

interface Wanted {
  place: Place;
  key: string;
  etag: string;
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Loads the image into an <img>; aborting stops the load. */
function loadImage(url: string, signal: AbortSignal): Promise<HTMLImageElement> {
  const img = new Image();
  img.decoding = 'async';
  const stop = () => img.removeAttribute('src');
  signal.addEventListener('abort', stop, { once: true });
  img.src = url;
  return img.decode().then(
    () => img,
    (error: unknown) => {
      throw signal.aborted ? signal.reason : error;
    },
  );
}

/** The image scaled to fit EDGE, as WebP where the browser encodes it (else PNG: shown, not cached). */
async function scaled(img: HTMLImageElement, svg: boolean): Promise<Blob> {
  // An SVG without a size of its own: the size browsers give a replaced element.
  const width = img.naturalWidth || 300;
  const height = img.naturalHeight || 150;
  const scale = Math.min(1, EDGE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = new OffscreenCanvas(w, h);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('No 2D canvas.');
  if (svg) {
    context.drawImage(img, 0, 0, w, h);
  } else {
    const bitmap = await createImageBitmap(img, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
  }
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
}

export class ThumbnailLoader {
  /** id → data: URL, or null when the object gets its icon (too large, not decodable). */
  private readonly done = new Map<string, string | null>();
  private wanted = new Map<string, Wanted>();
  private readonly asked = new Set<string>();
  private queue: string[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly listeners = new Set<() => void>();
  private snapshot: ReadonlyMap<string, string | null> = new Map();

  constructor(private readonly api: ThumbnailApi) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReadonlyMap<string, string | null> => this.snapshot;

  /** The tiles in view now: what is no longer in view is dropped or cancelled, what is new is asked for. */
  want(place: Place, entries: readonly ObjectEntry[]): void {
    const next = new Map<string, Wanted>();
    for (const e of entries) if (hasThumbnail(e)) next.set(thumbnailId(place, e.key, e.etag), { place, ...e });
    this.wanted = next;
    for (const [id, controller] of this.running) if (!next.has(id)) controller.abort();
    this.queue = this.queue.filter((id) => next.has(id));
    const fresh = [...next.keys()].filter((id) => !this.done.has(id) && !this.asked.has(id));
    if (fresh.length > 0) void this.askCache(place, fresh);
  }

  /** Cancels everything (the grid went away). */
  stop(): void {
    this.want({ accountId: '', bucket: '' }, []);
  }

  private async askCache(place: Place, ids: string[]): Promise<void> {
    for (const id of ids) this.asked.add(id);
    const items = ids.map((id) => this.wanted.get(id)).filter((w) => w !== undefined);
    const answer =
      items.length === 0
        ? null
        : await this.api.invoke('thumbnails:get', {
            ...place,
            items: items.map(({ key, etag }) => ({ key, etag })),
          });
    const hits = new Set<string>();
    if (answer?.ok) {
      for (const hit of answer.value) {
        const id = thumbnailId(place, hit.key, hit.etag);
        hits.add(id);
        this.settle(id, hit.url);
      }
    }
    for (const id of ids) {
      this.asked.delete(id);
      if (!hits.has(id) && this.wanted.has(id) && !this.done.has(id)) this.queue.push(id);
    }
    this.pump();
  }

  private pump(): void {
    while (this.running.size < CONCURRENCY && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const wanted = this.wanted.get(id);
      if (wanted === undefined || this.running.has(id)) continue;
      const controller = new AbortController();
      this.running.set(id, controller);
      void this.make(wanted, controller.signal)
        .then(
          (url) => this.settle(id, url),
          () => {
            if (!controller.signal.aborted) this.settle(id, null);
          },
        )
        .finally(() => {
          this.running.delete(id);
          this.pump();
        });
    }
  }

  private async make({ place, key, etag }: Wanted, signal: AbortSignal): Promise<string | null> {
    const link = await this.api.invoke('objects:preview', { ...place, key });
    if (!link.ok) return null;
    try {
      if (link.value.size > SIZE_CAP) return null;
      signal.throwIfAborted();
      const svg = previewKind(key, link.value.contentType) === 'svg';
      const blob = await scaled(await loadImage(link.value.url, signal), svg);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const base64 = toBase64(bytes);
      // Cached under the ETag the listing showed: that is what the next visit asks with.
      if (blob.type === 'image/webp') await this.api.invoke('thumbnails:put', { ...place, key, etag, webp: base64 });
      return `data:${blob.type};base64,${base64}`;
    } finally {
      void this.api.invoke('objects:closePreview', { url: link.value.url });
    }
  }

  private settle(id: string, url: string | null): void {
    this.done.set(id, url);
    if (this.done.size > MEMORY_LIMIT) this.done.delete(this.done.keys().next().value!);
    this.snapshot = new Map(this.done);
    for (const listener of this.listeners) listener();
  }
}

/**
 * The thumbnails of the visible tiles (by thumbnailId): asked for once the visible set has been
 * still for a moment; cancelled when the grid goes away.
 */
export function useThumbnails(
  place: Place | null,
  visible: readonly ObjectEntry[],
): ReadonlyMap<string, string | null> {
  const loader = useMemo(() => new ThumbnailLoader(getApi()), []);
  useEffect(() => () => loader.stop(), [loader]);
  const signature = place === null ? '' : visible.map((e) => `${e.key}\0${e.etag ?? ''}`).join('\n');
  useEffect(() => {
    if (place === null) return;
    const timer = setTimeout(() => loader.want(place, visible), SETTLE_MS);
    return () => clearTimeout(timer);
    // `signature` stands for `visible` (a new array every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loader, place?.accountId, place?.bucket, signature]);
  return useSyncExternalStore(loader.subscribe, loader.getSnapshot);
}
