/**
 * Which IP addresses a download link may not reach: this machine, private networks, link-local,
 * carrier-grade NAT, benchmarking, multicast and reserved ranges. A link the API hands out is
 * opened without credentials, but it must not become a way to reach the user's own network.
 */
import { BlockList, isIP } from 'node:net';

const V4_RANGES: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const V6_RANGES: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
];

const blocked = new BlockList();
for (const [network, prefix] of V4_RANGES) {
  blocked.addSubnet(network, prefix, 'ipv4');
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) reaches the same IPv4 host.
  blocked.addSubnet(`::ffff:${network}`, 96 + prefix, 'ipv6');
}
for (const [network, prefix] of V6_RANGES) blocked.addSubnet(network, prefix, 'ipv6');

/** True for an address in a local, private or reserved range; anything that is not an IP address counts as one too. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 0) return true;
  return blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
