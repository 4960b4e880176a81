/**
 * Opens a QuickSync download link: without any credential, following redirects by hand (at most
 * MAX_REDIRECTS), and only to the API's own host or to public addresses. Names are checked on
 * every address they resolve to at connect time (a custom lookup), so a name that resolves to
 * 127.0.0.1 or a LAN address is refused like the literal; each redirect hop is checked alike.
 */
import { lookup as dnsLookup } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { CoreError } from '../../errors';
import { isPrivateAddress } from './private-address';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const unbracketed = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1');

/** A lookup that answers only when every address of the name is public; else `refuse(address)`. */
function publicOnly(refuse: (address: string) => Error): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const local = addresses.find((a) => isPrivateAddress(a.address));
      if (local) return callback(refuse(local.address), '', 0);
      const [first] = addresses;
      if (options.all) callback(null, addresses);
      else callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

function get(url: URL, lookup: LookupFunction | undefined, signal: AbortSignal | undefined): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    // A fresh connection (no agent): a pooled socket would skip the address check.
    const req = request(url, { method: 'GET', agent: false, ...(lookup && { lookup }), ...(signal && { signal }) });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

/** The final answer (any status but a redirect) of the link, after at most MAX_REDIRECTS hops. */
export async function openLink(link: URL, apiHostname: string, signal?: AbortSignal): Promise<IncomingMessage> {
  let url = link;
  for (let hop = 0; ; hop++) {
    const refuse = (address: string): CoreError =>
      new CoreError(
        'ServerError',
        hop === 0
          ? `The QuickSync API gave a download link to a local or private address (${address}), which was not opened.`
          : `The QuickSync download link redirected to a local or private address (${address}), which was not opened.`,
        `host: ${url.host}`,
      );
    let lookup: LookupFunction | undefined;
    // A local or development API hands out links to itself; any other host must be public.
    if (url.hostname !== apiHostname) {
      const literal = unbracketed(url.hostname);
      if (isIP(literal) === 0) lookup = publicOnly(refuse);
      else if (isPrivateAddress(literal)) throw refuse(literal);
    }
    const answer = await get(url, lookup, signal);
    const location = answer.headers.location;
    if (!REDIRECT_STATUSES.has(answer.statusCode ?? 0) || location === undefined) return answer;
    answer.destroy();
    if (hop === MAX_REDIRECTS) {
      throw new CoreError(
        'ServerError',
        `The QuickSync download link redirected more than ${MAX_REDIRECTS} times, so it was not followed further.`,
      );
    }
    url = nextHop(location, url);
  }
}

function nextHop(location: string, from: URL): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new CoreError('ServerError', 'The QuickSync download link redirected to an address that is not a URL.');
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:') {
    throw new CoreError(
      'ServerError',
      `The QuickSync download link redirected to a ${next.protocol} address, which was not opened.`,
    );
  }
  return next;
}
