/** Reading a whole request or response body as raw bytes (test servers only). */
import type { IncomingMessage } from 'node:http';

/**
 * The body's bytes. `onChunk` sees each chunk as it arrives (with the running total), so a
 * caller can count bytes or cut the connection part-way; the promise rejects if the stream
 * errors or closes before its end.
 */
export function readBody(
  message: IncomingMessage,
  onChunk?: (chunk: Buffer, received: number) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    message.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      onChunk?.(chunk, received);
    });
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
    message.on('close', () => {
      if (!message.complete) reject(new Error('the body was cut short'));
    });
  });
}
