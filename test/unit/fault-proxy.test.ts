/**
 * The fault proxy against a tiny local HTTP server over real sockets: requests pass with
 * keep-alive, pipelining and chunked framing intact; resets, stalls and 503 SlowDown happen
 * where the rules say; and every request is counted as it really went.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  faultPlan,
  startFaultProxy,
  type FaultAction,
  type FaultProxy,
  type RequestHead,
} from '../servers/fault-proxy';

interface Seen {
  method: string;
  url: string;
  bytes: number;
  complete: boolean;
  closed: Promise<void>;
}

const BIG = randomBytes(1024 * 1024);
const KiB = 1024;

function startOrigin(): Promise<{ server: http.Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let markClosed!: () => void;
    const entry: Seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      bytes: 0,
      complete: false,
      closed: new Promise((resolve) => (markClosed = resolve)),
    };
    seen.push(entry);
    const hash = createHash('sha256');
    req.on('data', (chunk: Buffer) => {
      entry.bytes += chunk.length;
      hash.update(chunk);
    });
    req.on('close', () => markClosed());
    req.on('end', () => {
      entry.complete = true;
      if (req.url === '/big') {
        res.writeHead(200, { 'content-length': BIG.length });
        res.end(req.method === 'HEAD' ? undefined : BIG);
      } else if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' }); // no length: node answers chunked
        res.write('first,');
        res.end('second');
      } else if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ bytes: entry.bytes, sha: hash.digest('hex') }));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port, seen })),
  );
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function send(
  url: string,
  options: { method: string; path: string; body?: Buffer; headers?: http.OutgoingHttpHeaders; agent?: http.Agent },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${options.path}`, {
      method: options.method,
      agent: options.agent ?? false,
      headers: {
        ...(options.body && { 'content-length': options.body.length }),
        ...options.headers,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('response aborted')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    const expectsContinue = /100-continue/i.test(String(options.headers?.['expect'] ?? ''));
    if (expectsContinue) req.on('continue', () => req.end(options.body));
    else req.end(options.body);
  });
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('fault proxy', () => {
  let origin: Awaited<ReturnType<typeof startOrigin>>;
  let proxy: FaultProxy;

  beforeAll(async () => {
    origin = await startOrigin();
  });
  afterAll(async () => {
    origin.server.closeAllConnections();
    await new Promise((resolve) => origin.server.close(resolve));
  });
  afterEach(async () => {
    await proxy?.close();
    origin.seen.length = 0;
  });

  const start = async (rules = {}): Promise<FaultProxy> => {
    proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: origin.port }, rules });
    return proxy;
  };

  it('passes several requests over one keep-alive connection and records each', async () => {
    await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = randomBytes(100 * KiB);
      const put = await send(proxy.url, {
        method: 'PUT',
        path: '/bucket/key%20one?partNumber=2&uploadId=up%2Fid',
        body,
        agent,
      });
      expect(put.status).toBe(200);
      expect(JSON.parse(put.body.toString())).toEqual({ bytes: body.length, sha: sha(body) });
      const chunked = await send(proxy.url, { method: 'GET', path: '/chunked', agent });
      expect(chunked.body.toString()).toBe('first,second');
      const head = await send(proxy.url, { method: 'HEAD', path: '/big', agent });
      expect(head.headers['content-length']).toBe(String(BIG.length));
      const empty = await send(proxy.url, { method: 'DELETE', path: '/empty', agent });
      expect(empty.status).toBe(204);
      const big = await send(proxy.url, { method: 'GET', path: '/big', agent });
      expect(sha(big.body)).toBe(sha(BIG));
    } finally {
      agent.destroy();
    }

    expect(proxy.stats.connections).toBe(1);
    expect(proxy.stats.faults).toBe(0);
    expect(
      proxy.stats.requests.map((r) => [r.method, r.path, r.status, r.outcome, r.bodyBytesForwarded, r.connectionId]),
    ).toEqual([
      ['PUT', '/bucket/key%20one', 200, 'completed', 100 * KiB, 1],
      ['GET', '/chunked', 200, 'completed', 0, 1],
      ['HEAD', '/big', 200, 'completed', 0, 1],
      ['DELETE', '/empty', 204, 'completed', 0, 1],
      ['GET', '/big', 200, 'completed', 0, 1],
    ]);
    const first = proxy.stats.requests[0]!;
    expect(first.query).toEqual({ partNumber: '2', uploadId: 'up/id' });
    expect(first.contentLength).toBe(100 * KiB);
    expect(first.action).toBe('pass');
    expect(proxy.stats.requests[4]!.responseBytesForwarded).toBe(BIG.length);
  });

  it('passes pipelined requests in order and never faults them', async () => {
    await start({ slowDownEvery: 2 });
    const socket = net.connect(proxy.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (c: Buffer) => received.push(c));
    const raw =
      'GET /one HTTP/1.1\r\nHost: x\r\n\r\n' +
      'PUT /two HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello' +
      'GET /three HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
    socket.end(raw);
    await new Promise((resolve) => socket.on('close', resolve));
    const text = Buffer.concat(received).toString();
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
    expect(text.indexOf('"bytes":5')).toBeGreaterThan(text.indexOf('"bytes":0'));
    expect(origin.seen.map((s) => s.url)).toEqual(['/one', '/two', '/three']);
    const reqs = proxy.stats.requests;
    expect(reqs.map((r) => [r.path, r.action, r.pipelined, r.outcome])).toEqual([
      ['/one', 'pass', false, 'completed'],
      ['/two', 'pass', true, 'completed'],
      ['/three', 'pass', true, 'completed'],
    ]);
    expect(reqs[1]!.bodyBytesForwarded).toBe(5);
  });

  it('resets a request in the middle of its body', async () => {
    await start({ resetEvery: 1 });
    await expect(send(proxy.url, { method: 'PUT', path: '/upload', body: BIG })).rejects.toThrow(
      /ECONNRESET|EPIPE|socket hang up/,
    );
    await proxy.waitFor((s) => s.requests[0]?.outcome === 'reset', 5000, 'the reset');
    const req = proxy.stats.requests[0]!;
    expect(req).toMatchObject({ action: 'reset', outcome: 'reset', status: null, bodyBytesForwarded: BIG.length / 2 });
    await origin.seen[0]?.closed;
    expect(origin.seen[0]?.complete).toBe(false);
    expect(origin.seen[0]?.bytes).toBeLessThanOrEqual(BIG.length / 2);
  });

  it('resets a bodyless request in the middle of its response body', async () => {
    await start({ resetEvery: 1, cutFraction: 0.25 });
    const got: Buffer[] = [];
    const error = await new Promise<Error>((resolve) => {
      const req = http.get(`${proxy.url}/big`, { agent: false }, (res) => {
        expect(res.statusCode).toBe(200);
        res.on('data', (c: Buffer) => got.push(c));
        res.on('error', resolve);
        res.on('end', () => resolve(new Error('the response ended normally')));
      });
      req.on('error', resolve);
    });
    expect(error.message).toMatch(/ECONNRESET|aborted/);
    expect(Buffer.concat(got).length).toBeLessThanOrEqual(BIG.length / 4);
    expect(proxy.stats.requests[0]).toMatchObject({
      action: 'reset',
      outcome: 'reset',
      status: 200,
      responseBytesForwarded: BIG.length / 4,
    });
  });

  it('stalls a request mid-body until the client gives up, then drops the server side', async () => {
    await start({ stallEvery: 1 });
    const req = http.request(`${proxy.url}/upload`, {
      method: 'PUT',
      agent: false,
      headers: { 'content-length': BIG.length },
    });
    let responded = false;
    req.on('response', () => (responded = true));
    const failed = new Promise<Error>((resolve) => req.on('error', resolve));
    req.end(BIG);
    await proxy.waitFor((s) => s.requests[0]?.outcome === 'stalled', 5000, 'the stall');
    // The server got part of the body and is still waiting for the rest.
    expect(origin.seen).toHaveLength(1);
    expect(origin.seen[0]!.complete).toBe(false);
    req.destroy(new Error('client gave up'));
    expect((await failed).message).toBe('client gave up');
    await origin.seen[0]!.closed;
    expect(responded).toBe(false);
    expect(origin.seen[0]!.complete).toBe(false);
    expect(origin.seen[0]!.bytes).toBeLessThanOrEqual(BIG.length / 2);
    expect(proxy.stats.requests[0]).toMatchObject({
      action: 'stall',
      outcome: 'stalled',
      status: null,
      bodyBytesForwarded: BIG.length / 2,
    });
  });

  it('stalls a download after part of the response body', async () => {
    await start({ stallEvery: 1 });
    let received = 0;
    let ended = false;
    let req!: http.ClientRequest;
    await new Promise<void>((resolve) => {
      req = http.get(`${proxy.url}/big`, { agent: false }, (res) => {
        res.on('data', (c: Buffer) => {
          received += c.length;
          if (received >= BIG.length / 2) resolve();
        });
        res.on('end', () => (ended = true));
        res.on('error', () => {});
      });
      req.on('error', () => {});
    });
    expect(proxy.stats.requests[0]).toMatchObject({ outcome: 'stalled', responseBytesForwarded: BIG.length / 2 });
    expect(received).toBe(BIG.length / 2);
    expect(ended).toBe(false);
    req.destroy();
    await origin.seen[0]!.closed;
  });

  it('answers 503 SlowDown itself after draining the body, without reaching the server', async () => {
    await start({ slowDownEvery: 1 });
    const body = randomBytes(256 * KiB);
    const reply = await send(proxy.url, { method: 'PUT', path: '/bucket/key', body });
    expect(reply.status).toBe(503);
    expect(reply.headers['connection']).toBe('close');
    expect(reply.body.toString()).toContain('<Code>SlowDown</Code>');
    const head = await send(proxy.url, { method: 'HEAD', path: '/bucket/key' });
    expect(head.status).toBe(503);
    expect(origin.seen).toHaveLength(0);
    expect(proxy.stats.requests.map((r) => [r.method, r.action, r.outcome, r.status, r.bodyBytesForwarded])).toEqual([
      ['PUT', 'slowDown', 'slowDown', 503, 0],
      ['HEAD', 'slowDown', 'slowDown', 503, 0],
    ]);
  });

  it('answers SlowDown at once to a client that waits for 100-continue', async () => {
    await start({ slowDownEvery: 1 });
    const body = randomBytes(64 * KiB);
    const reply = await send(proxy.url, { method: 'PUT', path: '/k', body, headers: { expect: '100-continue' } });
    expect(reply.status).toBe(503);
    expect(origin.seen).toHaveLength(0);
  });

  it('passes 100-continue exchanges and chunked request bodies through', async () => {
    await start();
    const body = randomBytes(64 * KiB);
    const reply = await send(proxy.url, { method: 'PUT', path: '/k', body, headers: { expect: '100-continue' } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body.toString())).toEqual({ bytes: body.length, sha: sha(body) });
    expect(proxy.stats.requests[0]).toMatchObject({ outcome: 'completed', status: 200, bodyBytesForwarded: 64 * KiB });

    const chunked = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(`${proxy.url}/c`, { method: 'POST', agent: false }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 1000));
      req.end(body.subarray(1000));
    });
    expect(JSON.parse(chunked.body.toString())).toEqual({ bytes: body.length, sha: sha(body) });
    expect(proxy.stats.requests[1]).toMatchObject({ contentLength: null, action: 'pass' });
  });

  it('applies new rules from the next request on', async () => {
    await start();
    expect((await send(proxy.url, { method: 'GET', path: '/a' })).status).toBe(200);
    proxy.setRules({ slowDownEvery: 1, only: (r) => r.path === '/b' });
    expect((await send(proxy.url, { method: 'GET', path: '/a' })).status).toBe(200);
    expect((await send(proxy.url, { method: 'GET', path: '/b' })).status).toBe(503);
    expect(proxy.stats.faults).toBe(1);
  });
});

describe('faultPlan', () => {
  const head = (method: string, path = '/k'): RequestHead => ({
    method,
    path,
    query: {},
    headers: {},
    contentLength: 0,
  });
  const run = (plan: (r: RequestHead) => FaultAction, reqs: RequestHead[]): FaultAction[] => reqs.map(plan);

  it('counts only eligible requests; reset wins over stall over slowDown; faults stop at the cap', () => {
    const plan = faultPlan({ only: (r) => r.method === 'PUT', resetEvery: 3, stallEvery: 2, slowDownEvery: 5 });
    const reqs = [head('GET'), ...Array.from({ length: 6 }, () => head('PUT')), head('GET')];
    expect(run(plan, reqs)).toEqual(['pass', 'pass', 'stall', 'reset', 'stall', 'slowDown', 'reset', 'pass']);

    const capped = faultPlan({ slowDownEvery: 1, maxFaults: 2 });
    expect(run(capped, [head('GET'), head('GET'), head('GET')])).toEqual(['slowDown', 'slowDown', 'pass']);
  });

  it('lets decide() answer first and falls through on undefined', () => {
    const plan = faultPlan({
      decide: (r, i) => (r.path === '/x' ? 'stall' : r.path === '/p' ? 'pass' : i === 2 ? 'reset' : undefined),
      slowDownEvery: 1,
    });
    expect(run(plan, [head('GET', '/x'), head('GET'), head('GET', '/p'), head('GET')])).toEqual([
      'stall',
      'reset',
      'pass',
      'slowDown',
    ]);
  });

  it('draws seeded shares: the same seed gives the same sequence, near the asked shares', () => {
    const rules = { seed: 42, shares: { reset: 0.2, stall: 0.1, slowDown: 0.1 } };
    const reqs = Array.from({ length: 10_000 }, () => head('PUT'));
    const a = run(faultPlan(rules), reqs);
    expect(run(faultPlan(rules), reqs)).toEqual(a);
    expect(run(faultPlan({ ...rules, seed: 43 }), reqs)).not.toEqual(a);
    const share = (action: FaultAction): number => a.filter((x) => x === action).length / a.length;
    expect(share('reset')).toBeCloseTo(0.2, 1);
    expect(share('stall')).toBeCloseTo(0.1, 1);
    expect(share('slowDown')).toBeCloseTo(0.1, 1);
    expect(share('pass')).toBeCloseTo(0.6, 1);
  });
});
