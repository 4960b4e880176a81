/**
 * An in-memory AppApi for renderer tests: each channel answers from a handler the test
 * sets, every call is recorded, and events are emitted by hand. `gate()` makes a channel's
 * answers wait until the test releases them, to observe streaming and stale answers.
 */
import type { AppApi, Channel, EventMap, EventName, RequestOf, ResponseOf } from '../../../shared/contract';
import { fail, ok, type Result } from '../../../shared/errors';
import type { ObjectEntry, Page, SearchPage } from '../../../shared/models';

type Handler<C extends Channel> = (request: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;

export interface Call {
  channel: Channel;
  request: unknown;
}

interface Held {
  channel: Channel;
  request: unknown;
  release: () => void;
}

export class FakeAppApi implements AppApi {
  readonly calls: Call[] = [];
  private readonly handlers = new Map<Channel, Handler<Channel>>();
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly gated = new Set<Channel>();
  private held: Held[] = [];

  on<C extends Channel>(channel: C, handler: Handler<C>): this {
    this.handlers.set(channel, handler as unknown as Handler<Channel>);
    return this;
  }

  /** Answers on this channel wait in `held` until released. */
  gate(channel: Channel): this {
    this.gated.add(channel);
    return this;
  }

  /** Releases the oldest held answer (optionally of one channel); fails the test if none. */
  async releaseNext(channel?: Channel): Promise<void> {
    const index = this.held.findIndex((h) => channel === undefined || h.channel === channel);
    const next = this.held[index];
    if (next === undefined) throw new Error(`nothing held${channel ? ` on ${channel}` : ''}`);
    this.held.splice(index, 1);
    next.release();
    await settle();
  }

  heldCount(channel?: Channel): number {
    return this.held.filter((h) => channel === undefined || h.channel === channel).length;
  }

  callsOf<C extends Channel>(channel: C): RequestOf<C>[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request as RequestOf<C>);
  }

  async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    this.calls.push({ channel, request });
    if (this.gated.has(channel)) {
      await new Promise<void>((release) => this.held.push({ channel, request, release }));
    }
    const handler = this.handlers.get(channel) as Handler<C> | undefined;
    if (handler === undefined) return fail('NotSupported', `no fake handler for ${channel}`);
    return handler(request);
  }

  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (payload: never) => void;
    set.add(l);
    return () => void set.delete(l);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners.get(event) ?? []) l(payload as never);
  }
}

/** Lets pending promise callbacks (the store's await chains) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

export function entry(key: string, size = 1, lastModified = '2024-01-01T00:00:00.000Z'): ObjectEntry {
  const folder = key.endsWith('/');
  const trimmed = folder ? key.slice(0, -1) : key;
  return {
    kind: folder ? 'folder' : 'object',
    key,
    name: trimmed.slice(trimmed.lastIndexOf('/') + 1),
    size: folder ? null : size,
    lastModified: folder ? null : lastModified,
    etag: folder ? null : `"etag-${key}"`,
    storageClass: folder ? null : 'STANDARD',
  };
}

/** Pages of `pageSize` entries with numeric tokens, like a listing of one folder. */
export function pagedListing(entries: ObjectEntry[], pageSize: number) {
  return (continuationToken: string | null | undefined): Result<Page<ObjectEntry>> => {
    const start = continuationToken ? Number(continuationToken) : 0;
    const end = start + pageSize;
    return ok({ items: entries.slice(start, end), nextToken: end < entries.length ? String(end) : null });
  };
}

export function pagedSearch(pages: ObjectEntry[][], scannedPerPage: number) {
  return (continuationToken: string | null | undefined): Result<SearchPage> => {
    const index = continuationToken ? Number(continuationToken) : 0;
    return ok({
      items: pages[index] ?? [],
      nextToken: index + 1 < pages.length ? String(index + 1) : null,
      scanned: scannedPerPage,
    });
  };
}
