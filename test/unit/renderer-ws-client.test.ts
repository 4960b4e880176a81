import { describe, expect, it } from 'vitest';
import { takeAccessToken, tokenFromHash, TOKEN_STORAGE_KEY } from '../../renderer/src/api/token';
import { createWsClient, type SocketLike } from '../../renderer/src/api/ws-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
}

function setup(token: string | null = 'abc123') {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const client = createWsClient({
    url: 'ws://127.0.0.1:5000/api',
    token,
    createSocket: (url, protocols) => {
      const s = new FakeSocket(url, protocols);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
    backoffMs: (attempt) => 100 * 2 ** attempt,
  });
  const last = () => sockets.at(-1) as FakeSocket;
  return { client, sockets, timers, last };
}

describe('WebSocket AppApi client', () => {
  it('sends the token as a subprotocol and matches results to invokes by id', async () => {
    const { client, last } = setup();
    expect(last().protocols).toEqual(['qstorage.token.abc123']);
    const a = client.invoke('accounts:list', {});
    const b = client.invoke('app:info', {});
    expect(last().sent).toEqual([]); // queued until the socket opens
    last().open();
    const sent = last().sent.map((t) => JSON.parse(t) as { id: number; channel: string; type: string });
    expect(sent.map((m) => [m.type, m.channel])).toEqual([
      ['invoke', 'accounts:list'],
      ['invoke', 'app:info'],
    ]);
    last().receive({ type: 'result', id: sent[1]?.id, result: { ok: true, value: 'info' } });
    last().receive({ type: 'result', id: sent[0]?.id, result: { ok: true, value: [] } });
    expect(await a).toEqual({ ok: true, value: [] });
    expect(await b).toEqual({ ok: true, value: 'info' });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { client, last } = setup();
    last().open();
    const seen: number[] = [];
    const off = client.subscribe('operations:progress', (p) => seen.push(p.done));
    last().receive({
      type: 'event',
      event: 'operations:progress',
      payload: { operationId: 'x', done: 1, total: 2, failed: 0 },
    });
    off();
    last().receive({
      type: 'event',
      event: 'operations:progress',
      payload: { operationId: 'x', done: 2, total: 2, failed: 0 },
    });
    expect(seen).toEqual([1]);
  });

  it('fails pending invokes with NetworkError when the socket drops, then reconnects with backoff', async () => {
    const { client, sockets, timers, last } = setup();
    last().open();
    const pending = client.invoke('accounts:list', {});
    last().drop();
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('NetworkError');
    expect(client.state()).toBe('closed');
    expect(timers.map((t) => t.ms)).toEqual([100]);
    timers[0]?.fn();
    expect(sockets).toHaveLength(2);
    last().drop(); // refused again: the wait doubles
    expect(timers.map((t) => t.ms)).toEqual([100, 200]);
  });

  it('an invoke while disconnected reconnects at once instead of waiting for the backoff', async () => {
    const { client, sockets, last } = setup();
    last().open();
    last().drop();
    const pending = client.invoke('app:info', {});
    expect(sockets).toHaveLength(2);
    last().open();
    const id = (JSON.parse(last().sent[0] ?? '{}') as { id: number }).id;
    last().receive({ type: 'result', id, result: { ok: true, value: 1 } });
    expect(await pending).toEqual({ ok: true, value: 1 });
  });

  it('without a token it says how to get one instead of connecting', async () => {
    const { client, sockets } = setup(null);
    const result = await client.invoke('app:info', {});
    expect(sockets).toHaveLength(0);
    expect(!result.ok && result.error).toMatchObject({
      code: 'NetworkError',
      message: expect.stringContaining('#token='),
    });
  });
});

describe('access token', () => {
  function env(hash: string) {
    const stored = new Map<string, string>();
    const replaced: string[] = [];
    return {
      stored,
      replaced,
      env: {
        location: { hash, pathname: '/', search: '' },
        history: {
          state: null,
          replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)),
        },
        storage: {
          getItem: (k: string) => stored.get(k) ?? null,
          setItem: (k: string, v: string) => void stored.set(k, v),
        },
      },
    };
  }

  it('takes the token from the fragment, keeps it for the tab and removes it from the address bar', () => {
    const t = env('#token=0123456789abcdef0123');
    expect(takeAccessToken(t.env)).toBe('0123456789abcdef0123');
    expect(t.stored.get(TOKEN_STORAGE_KEY)).toBe('0123456789abcdef0123');
    expect(t.replaced).toEqual(['/']);
  });

  it('falls back to the token kept for this tab after a reload', () => {
    const t = env('');
    t.stored.set(TOKEN_STORAGE_KEY, 'feedfacefeedface');
    expect(takeAccessToken(t.env)).toBe('feedfacefeedface');
    expect(t.replaced).toEqual([]);
  });

  it('ignores fragments that are not a hex token', () => {
    expect(tokenFromHash('#token=<script>')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });
});
