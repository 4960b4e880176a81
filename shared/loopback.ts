/**
 * Whether a host name is this machine: the only place a bearer token may travel over plain
 * http://. Pure, so the schemas, the renderer and the core ask the same question.
 */

/**
 * True for `localhost`, any 127.0.0.0/8 address and `::1` (with or without brackets), as the
 * WHATWG URL parser spells them (it lower-cases names and normalises IPv4 forms like 127.1).
 * Deliberately strict: no `*.localhost`, no IPv4-mapped IPv6, no names that merely resolve to
 * loopback, since a resolver may answer differently tomorrow.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 && octets[0] === '127' && octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255)
  );
}
