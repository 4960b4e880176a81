/** S3's limits on tags, metadata, headers, share links, retention, encryption and website settings. */
import { describe, expect, it } from 'vitest';
import {
  contentHeadersProblem,
  defaultRetentionProblem,
  downloadNameProblem,
  encryptionProblem,
  metadataProblem,
  retainUntilProblem,
  shareExpiryProblem,
  tagProblem,
  tagSetProblem,
  websiteProblem,
} from '../../shared/property-rules';
import type { ContentHeaders } from '../../shared/properties';

const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

describe('tags', () => {
  it('allows 10 tags per object and 50 per bucket', () => {
    expect(tagSetProblem(tags(10), 'object')).toBeNull();
    expect(tagSetProblem(tags(11), 'object')).toBe('At most 10 tags per object: remove 1.');
    expect(tagSetProblem(tags(50), 'bucket')).toBeNull();
    expect(tagSetProblem(tags(53), 'bucket')).toBe('At most 50 tags per bucket: remove 3.');
    expect(tagSetProblem([], 'object')).toBeNull();
  });

  it('refuses a key used twice', () => {
    expect(
      tagSetProblem(
        [
          { key: 'env', value: 'a' },
          { key: 'env', value: 'b' },
        ],
        'object',
      ),
    ).toBe('The tag key "env" is used twice.');
    // Keys are case-sensitive.
    expect(
      tagSetProblem(
        [
          { key: 'Env', value: 'a' },
          { key: 'env', value: 'b' },
        ],
        'object',
      ),
    ).toBeNull();
  });

  it('limits keys to 128 and values to 256 characters (not bytes)', () => {
    expect(tagProblem('k'.repeat(128), 'v'.repeat(256))).toBeNull();
    expect(tagProblem('é'.repeat(128), 'ü'.repeat(256))).toBeNull();
    expect(tagProblem('k'.repeat(129), '')).toMatch(/longer than 128 characters/);
    expect(tagProblem('key', 'v'.repeat(257))).toMatch(/The value of tag "key" is longer than 256 characters/);
  });

  it('requires a key; an empty value is fine', () => {
    expect(tagProblem('', 'x')).toBe('A tag key must not be empty.');
    expect(tagProblem('flag', '')).toBeNull();
  });

  it('reserves the aws: prefix, whatever its case', () => {
    expect(tagProblem('aws:cloudformation', 'x')).toBe('Tag keys starting with "aws:" are reserved.');
    expect(tagProblem('AWS:x', 'x')).toBe('Tag keys starting with "aws:" are reserved.');
    expect(tagProblem('my-aws:x', 'x')).toBeNull();
  });

  it('allows letters of any script, digits, spaces and + - = . _ : / @', () => {
    expect(tagProblem('Projekt Größe 東京 ١٢', 'a+b-c=d.e_f:g/h@i 0')).toBeNull();
    for (const bad of ['#', '!', '*', '?', '%', '&', ',', '"', '\n', '😀'])
      expect(tagProblem(`key${bad}`, 'v'), bad).toMatch(/has a character tags cannot hold/);
    expect(tagProblem('key', 'v;1')).toMatch(/The value of tag "key" has a character/);
  });

  it('shortens a long key in its message', () => {
    expect(tagProblem(`${'x'.repeat(200)}`, '')).toBe(
      `The tag key "${'x'.repeat(21)}…" is longer than 128 characters.`,
    );
  });
});

describe('user metadata', () => {
  it('accepts header-name characters and printable ASCII values', () => {
    expect(metadataProblem({})).toBeNull();
    expect(metadataProblem({ 'review-state': 'approved', Author_2: 'Ada Lovelace (1815)' })).toBeNull();
  });

  it('refuses empty or non-token names, and names used twice in any case', () => {
    expect(metadataProblem({ '': 'x' })).toBe('A metadata name must not be empty.');
    expect(metadataProblem({ 'two words': 'x' })).toMatch(/may hold only letters, digits/);
    expect(metadataProblem({ naïve: 'x' })).toMatch(/may hold only letters, digits/);
    expect(metadataProblem({ 'a:b': 'x' })).toMatch(/may hold only letters, digits/);
    expect(metadataProblem({ Color: 'red', color: 'blue' })).toBe(
      'The metadata name "color" is used twice (names ignore case).',
    );
  });

  it('refuses values that are not plain ASCII', () => {
    expect(metadataProblem({ city: 'Zürich' })).toBe(
      'The value of "city" must be plain ASCII text (no accents, emoji or line breaks).',
    );
    expect(metadataProblem({ note: 'line\nbreak' })).toMatch(/plain ASCII/);
    expect(metadataProblem({ note: 'tab\there' })).toMatch(/plain ASCII/);
  });

  it('allows 2 KB of names and values together', () => {
    expect(metadataProblem({ n: 'x'.repeat(2047) })).toBeNull();
    expect(metadataProblem({ n: 'x'.repeat(2048) })).toBe('User metadata is 2,049 bytes; S3 allows 2,048 in all.');
    expect(metadataProblem({ a: 'x'.repeat(1000), b: 'y'.repeat(1000), c: 'z'.repeat(46) })).toBe(
      'User metadata is 2,049 bytes; S3 allows 2,048 in all.',
    );
  });
});

describe('content headers', () => {
  const none: ContentHeaders = {
    contentType: null,
    cacheControl: null,
    contentDisposition: null,
    contentEncoding: null,
    contentLanguage: null,
    expires: null,
  };

  it('accepts no headers, and ASCII values with an HTTP or ISO date', () => {
    expect(contentHeadersProblem(none)).toBeNull();
    expect(
      contentHeadersProblem({
        contentType: 'text/html; charset=utf-8',
        cacheControl: 'max-age=60',
        contentDisposition: 'attachment; filename="a.txt"',
        contentEncoding: 'gzip',
        contentLanguage: 'en',
        expires: 'Sun, 31 Jan 2027 12:00:00 GMT',
      }),
    ).toBeNull();
    expect(contentHeadersProblem({ ...none, expires: '2027-01-31T12:00:00Z' })).toBeNull();
  });

  it('refuses non-ASCII values, naming the header', () => {
    expect(contentHeadersProblem({ ...none, contentDisposition: 'inline; filename="é.txt"' })).toBe(
      'Content-Disposition must be plain ASCII text (no accents, emoji or line breaks).',
    );
    expect(contentHeadersProblem({ ...none, cacheControl: 'a\r\nb' })).toMatch(/^Cache-Control must be plain ASCII/);
  });

  it('refuses an Expires that is not a date', () => {
    expect(contentHeadersProblem({ ...none, expires: 'tomorrow' })).toMatch(/^Expires must be a date/);
  });
});

describe('share links', () => {
  it('last 15 minutes to 7 days, in whole seconds', () => {
    expect(shareExpiryProblem(900)).toBeNull();
    expect(shareExpiryProblem(604_800)).toBeNull();
    for (const bad of [899, 604_801, 0, -900, 900.5, Number.NaN])
      expect(shareExpiryProblem(bad), String(bad)).toBe('A share link lasts from 15 minutes to 7 days.');
  });

  it('take a download name that a file system and a header can hold', () => {
    expect(downloadNameProblem('Résumé 2024 (final).pdf')).toBeNull();
    expect(downloadNameProblem('x'.repeat(255))).toBeNull();
    expect(downloadNameProblem('   ')).toBe('The download file name must not be empty.');
    expect(downloadNameProblem('x'.repeat(256))).toBe('The download file name is longer than 255 characters.');
    for (const bad of ['a/b', 'a\\b', 'say "hi"', 'tab\t', 'nul\u0000', 'del\u007f'])
      expect(downloadNameProblem(bad), bad).toMatch(/must not hold/);
  });
});

describe('object lock', () => {
  it('default retention: days or years, one of them, whole and positive, at most 100 years', () => {
    expect(defaultRetentionProblem({ mode: 'GOVERNANCE', days: 1, years: null })).toBeNull();
    expect(defaultRetentionProblem({ mode: 'COMPLIANCE', days: null, years: 100 })).toBeNull();
    expect(defaultRetentionProblem({ mode: 'GOVERNANCE', days: 36_500, years: null })).toBeNull();
    expect(defaultRetentionProblem({ mode: 'GOVERNANCE', days: 1, years: 1 })).toBe(
      'Give the default retention in days or in years (one of them).',
    );
    expect(defaultRetentionProblem({ mode: 'GOVERNANCE', days: null, years: null })).toMatch(/one of them/);
    for (const days of [0, -1, 1.5])
      expect(defaultRetentionProblem({ mode: 'GOVERNANCE', days, years: null })).toBe(
        'The default retention must be a whole number, at least 1.',
      );
    expect(defaultRetentionProblem({ mode: 'GOVERNANCE', days: 36_501, years: null })).toMatch(/at most 100 years/);
    expect(defaultRetentionProblem({ mode: 'GOVERNANCE', days: null, years: 101 })).toMatch(/at most 100 years/);
  });

  it('retain-until: a date in the future', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(retainUntilProblem('2026-06-01T00:00:01Z', now)).toBeNull();
    expect(retainUntilProblem('2026-06-01T00:00:00Z', now)).toBe('The retain-until date must be in the future.');
    expect(retainUntilProblem('2020-01-01T00:00:00Z', now)).toBe('The retain-until date must be in the future.');
    expect(retainUntilProblem('someday', now)).toBe('The retain-until date is not a date.');
  });
});

describe('encryption', () => {
  it('a KMS key goes only with verenc or aws:kms, as plain text', () => {
    expect(encryptionProblem({ algorithm: 'AES256', kmsKeyId: null })).toBeNull();
    expect(encryptionProblem({ algorithm: 'verenc', kmsKeyId: null })).toBeNull();
    expect(encryptionProblem({ algorithm: 'verenc', kmsKeyId: 'qkms:0b6e1f2a' })).toBeNull();
    expect(encryptionProblem({ algorithm: 'verenc:dsse', kmsKeyId: 'arn:verenc:42:key/0b6e' })).toBeNull();
    expect(encryptionProblem({ algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:1:key/x' })).toBeNull();
    expect(encryptionProblem({ algorithm: 'AES256', kmsKeyId: 'qkms:1' })).toBe(
      'A KMS key applies only to verenc (or aws:kms) encryption.',
    );
    for (const bad of ['', '   ', 'clé'])
      expect(encryptionProblem({ algorithm: 'verenc', kmsKeyId: bad }), bad).toMatch(
        /^The KMS key id must be plain text/,
      );
  });
});

describe('website', () => {
  it('an index document name without a slash, documents of at most 1024 bytes', () => {
    expect(websiteProblem({ indexDocument: 'index.html', errorDocument: null })).toBeNull();
    expect(websiteProblem({ indexDocument: 'index.html', errorDocument: 'errors/404.html' })).toBeNull();
    expect(websiteProblem({ indexDocument: '  ', errorDocument: null })).toBe(
      'Name the index document, such as index.html.',
    );
    expect(websiteProblem({ indexDocument: 'a/index.html', errorDocument: null })).toMatch(/without a slash/);
    expect(websiteProblem({ indexDocument: 'é'.repeat(513), errorDocument: null })).toBe(
      'Document names are at most 1024 bytes.',
    );
    expect(websiteProblem({ indexDocument: 'i.html', errorDocument: 'e'.repeat(1025) })).toMatch(/at most 1024 bytes/);
    expect(websiteProblem({ indexDocument: 'i.html', errorDocument: ' ' })).toBe(
      'The error document must not be blank.',
    );
  });
});
