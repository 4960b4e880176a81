/**
 * Who may talk to the browser host. It binds 127.0.0.1, but any web page the person visits
 * can still aim requests at it: the Host check defeats DNS rebinding, the Origin check
 * cross-site WebSockets, and the per-run token everything else.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const TOKEN_PROTOCOL_PREFIX = 'qstorage.token.';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/** `Host` must name our loopback address and port exactly (a rebound DNS name will not). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const wanted = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => wanted === `${name}:${port}`);
}

/** `Origin`, when a browser sends it, must be one of our own two origins. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return false;
  const wanted = origin.toLowerCase();
  return LOOPBACK_NAMES.some((name) => wanted === `http://${name}:${port}`);
}

/** The protocol entry carrying the token, from a `Sec-WebSocket-Protocol` header. */
export function tokenProtocol(header: string | undefined): string | null {
  if (header === undefined) return null;
  const entry = header
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return entry ?? null;
}

/** Constant-time comparison: hashing first makes the lengths equal, so nothing leaks through timing. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** True when the protocol header carries exactly our token. */
export function hasValidToken(protocolHeader: string | undefined, token: string): boolean {
  const protocol = tokenProtocol(protocolHeader);
  return protocol !== null && tokensEqual(protocol.slice(TOKEN_PROTOCOL_PREFIX.length), token);
}
