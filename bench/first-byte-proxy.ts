/**
 * A pass-through TCP proxy on 127.0.0.1 for the first-byte row of bench/transfers.ts: it
 * forwards bytes unchanged and notes process.hrtime.bigint() whenever bytes arrive from a
 * client. The core host notes the same clock (CLOCK_MONOTONIC, shared by processes on Linux)
 * when it sends its request, so the first arrival after that is the first byte on the wire.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface FirstByteProxy {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** Milliseconds from `sinceNs` to the first client byte that arrived after it; null if none did. */
  firstByteMsAfter(sinceNs: bigint): number | null;
  /** Forgets the arrivals noted so far. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFirstByteProxy(target: { host: string; port: number }): Promise<FirstByteProxy> {
  let arrivals: bigint[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    track(client);
    track(upstream);
    client.on('data', () => arrivals.push(process.hrtime.bigint()));
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the first-byte proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    firstByteMsAfter(sinceNs) {
      const first = arrivals.find((t) => t >= sinceNs);
      return first === undefined ? null : Number(first - sinceNs) / 1e6;
    },
    reset() {
      arrivals = [];
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
