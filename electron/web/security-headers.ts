import type { ServerResponse } from 'node:http';

/**
 * The app's Content-Security-Policy for a page served at `host` (already Host-checked).
 * Scripts and styles come only from our own files; the only connection is our WebSocket.
 */
export function appCsp(host: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    // Quick Look's <video>/<audio> read /preview/<id> links.
    "media-src 'self'",
    "font-src 'self'",
    `connect-src 'self' ws://${host}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Downloads are never rendered in our origin: no scripts, no plugins, sandboxed. */
export const DOWNLOAD_CSP = "default-src 'none'; sandbox";

/** Headers every response carries. */
export function setBaseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

/** A short plain-text answer (errors, refusals). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  setBaseHeaders(res);
  res.setHeader('Content-Security-Policy', "default-src 'none'");
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.writeHead(status);
  res.end(text);
}
