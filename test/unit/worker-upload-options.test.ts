import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NO_UPLOAD_OPTIONS } from '../../shared/properties';
import {
  encryptionNotice,
  rcloneMtime,
  taggingHeader,
  uploadFields,
  uploadOptionFields,
} from '../../electron/worker/upload-options';

/** How S3 (and radosgw) read the header: split on & and =, then percent-decode ('+' stays '+'). */
const decode = (header: string): [string, string][] =>
  header.split('&').map((pair) => {
    const [k = '', v = ''] = pair.split('=');
    return [decodeURIComponent(k), decodeURIComponent(v)];
  });

describe('x-amz-tagging encoding', () => {
  it('percent-encodes spaces, +, =, & and unicode so every tag reads back exactly', () => {
    const tags = [
      { key: 'project name', value: 'a b  c' },
      { key: 'c++', value: '1+1=2' },
      { key: 'q=a&b', value: 'x&y=z' },
      { key: 'ключ', value: 'значение ✓ 😀' },
      { key: 'empty', value: '' },
    ];
    const header = taggingHeader(tags);
    expect(header).toBe(
      'project%20name=a%20b%20%20c&c%2B%2B=1%2B1%3D2&q%3Da%26b=x%26y%3Dz' +
        '&%D0%BA%D0%BB%D1%8E%D1%87=%D0%B7%D0%BD%D0%B0%D1%87%D0%B5%D0%BD%D0%B8%D0%B5%20%E2%9C%93%20%F0%9F%98%80' +
        '&empty=',
    );
    // Plain ASCII only (an HTTP header), and no '+' that a server could read either way.
    expect(header).toMatch(/^[\x21-\x7e]*$/);
    expect(header).not.toContain('+');
    expect(decode(header)).toEqual(tags.map((t) => [t.key, t.value]));
  });

  it('is empty for no tags', () => {
    expect(taggingHeader([])).toBe('');
  });
});

describe('upload option fields', () => {
  it('sends nothing for no options', () => {
    expect(uploadOptionFields(NO_UPLOAD_OPTIONS)).toEqual({});
  });

  it('maps tags, canned ACL, encryption with a KMS key and storage class', () => {
    expect(
      uploadOptionFields({
        tags: [{ key: 'team', value: 'data ops' }],
        acl: 'public-read',
        encryption: { algorithm: 'verenc:dsse', kmsKeyId: 'qkms:6f1c2d3e-0000-4000-8000-000000000001' },
        storageClass: 'STANDARD_IA',
      }),
    ).toEqual({
      Tagging: 'team=data%20ops',
      ACL: 'public-read',
      ServerSideEncryption: 'verenc:dsse',
      SSEKMSKeyId: 'qkms:6f1c2d3e-0000-4000-8000-000000000001',
      StorageClass: 'STANDARD_IA',
    });
  });

  it('sends no key id without one', () => {
    expect(uploadOptionFields({ ...NO_UPLOAD_OPTIONS, encryption: { algorithm: 'AES256', kmsKeyId: null } })).toEqual({
      ServerSideEncryption: 'AES256',
    });
  });
});

describe("the file's modification time (x-amz-meta-mtime, as rclone writes it)", () => {
  it('is seconds, a dot and nine digits of nanoseconds', () => {
    expect(rcloneMtime(1_733_512_345_123_456_789n)).toBe('1733512345.123456789');
    expect(rcloneMtime(1_733_512_345_000_000_001n)).toBe('1733512345.000000001');
    expect(rcloneMtime(1_733_512_345_000_000_000n)).toBe('1733512345.000000000');
    expect(rcloneMtime(0n)).toBe('0.000000000');
  });

  it('floors the seconds before 1970, with the nanoseconds after them (Go: t.Unix(), t.Nanosecond())', () => {
    expect(rcloneMtime(-1n)).toBe('-1.999999999');
    expect(rcloneMtime(-1_500_000_000n)).toBe('-2.500000000');
  });

  it('goes with the options as metadata, and not at all without a time to record', () => {
    const tags = { ...NO_UPLOAD_OPTIONS, tags: [{ key: 'a', value: 'b' }] };
    expect(uploadFields(tags, { mtimeNs: 1_733_512_345_123_456_789n, md5: null })).toEqual({
      Tagging: 'a=b',
      Metadata: { mtime: '1733512345.123456789' },
    });
    expect(uploadFields(tags, { mtimeNs: null, md5: null })).toEqual({ Tagging: 'a=b' });
  });
});

describe("the whole file's MD5 (x-amz-meta-md5chksum, as rclone writes it)", () => {
  it('is the MD5 in base64, beside the time or alone', () => {
    const md5 = createHash('md5').update('hello').digest();
    expect(uploadFields(NO_UPLOAD_OPTIONS, { mtimeNs: 1_000_000_000n, md5: md5.toString('hex') })).toEqual({
      Metadata: { mtime: '1.000000000', md5chksum: 'XUFAKrxLKna5cZ2REBfFkg==' },
    });
    expect(uploadFields(NO_UPLOAD_OPTIONS, { mtimeNs: null, md5: md5.toString('hex') })).toEqual({
      Metadata: { md5chksum: md5.toString('base64') },
    });
  });
});

describe('encryption notice', () => {
  const aes = { algorithm: 'AES256' as const, kmsKeyId: null };
  it('is silent when nothing was requested or the service confirmed it', () => {
    expect(encryptionNotice(null, undefined)).toBeNull();
    expect(encryptionNotice(null, 'AES256')).toBeNull();
    expect(encryptionNotice(aes, 'AES256')).toBeNull();
  });
  it('says when the service did not confirm, or reports something else', () => {
    expect(encryptionNotice(aes, undefined)).toBe(
      'Encryption AES256 was requested, but the service did not confirm it: this service may not support it.',
    );
    expect(encryptionNotice({ algorithm: 'verenc', kmsKeyId: 'qkms:x' }, 'AES256')).toBe(
      'Encryption verenc was requested, but the service reports AES256.',
    );
  });
});
