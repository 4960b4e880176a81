/** The download-link address classifier: which addresses a QuickSync download link may not reach (no connections). */
import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../electron/core/providers/quicksync/private-address';

describe('isPrivateAddress', () => {
  it.each([
    '0.0.0.0',
    '0.1.2.3',
    '10.0.0.1',
    '10.255.255.255',
    '100.64.0.1',
    '100.127.255.254',
    '127.0.0.1',
    '127.0.0.2',
    '127.255.255.255',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '198.18.0.1',
    '198.19.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
  ])('refuses IPv4 %s', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each([
    '::',
    '::1',
    '[::1]',
    'fc00::1',
    'fd12:3456:789a::1',
    'fe80::1',
    'febf::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.1.2.3',
    '::ffff:169.254.169.254',
    '::ffff:7f00:1',
    '::ffff:c0a8:101',
  ])('refuses IPv6 %s (IPv4-mapped ones by their IPv4 range)', (address) =>
    expect(isPrivateAddress(address)).toBe(true),
  );

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '9.255.255.255',
    '11.0.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '172.15.255.255',
    '172.32.0.1',
    '192.167.1.1',
    '192.169.0.1',
    '198.17.255.255',
    '198.20.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    'fbff::1',
    'fec0::1',
  ])('allows public %s', (address) => expect(isPrivateAddress(address)).toBe(false));

  it.each(['', 'localhost', 'example.com', '127.1', '1.2.3', '::g'])(
    'counts %j, which is not an IP address, as private',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
});
