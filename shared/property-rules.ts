/**
 * S3's limits on tags, metadata, share links, retention and website settings, checked in the
 * UI before anything is sent and again by the request schemas. Each check returns the first
 * problem as a sentence a person can act on, or null.
 */
import { utf8Length } from './keys';
import { windowsReservedName } from './local-names';
import type { ContentHeaders, DefaultRetention, Encryption, Tag, WebsiteConfig } from './properties';
import { SHARE_MAX_SECONDS, SHARE_MIN_SECONDS } from './properties';

export const MAX_OBJECT_TAGS = 10;
export const MAX_BUCKET_TAGS = 50;
export const MAX_TAG_KEY_CHARS = 128;
export const MAX_TAG_VALUE_CHARS = 256;
/** User metadata: names and values together, in UTF-8 bytes. */
export const MAX_METADATA_BYTES = 2048;

/** S3's tag alphabet: letters, digits, spaces and + - = . _ : / @ (any script). */
const TAG_CHARS = /^[\p{L}\p{N}\p{Zs}+\-=._:/@]*$/u;
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Header values must be printable US-ASCII (S3 rejects or mangles anything else). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const charCount = (s: string): number => [...s].length;
/** Control characters and what would break the Content-Disposition header or a path. */
// eslint-disable-next-line no-control-regex
const UNSAFE_DOWNLOAD_NAME = /[\u0000-\u001f\u007f/\\"]/;

/** Problem with a tag set for an object or a bucket, or null. */
export function tagSetProblem(tags: readonly Tag[], scope: 'object' | 'bucket'): string | null {
  const max = scope === 'object' ? MAX_OBJECT_TAGS : MAX_BUCKET_TAGS;
  if (tags.length > max) return `At most ${max} tags per ${scope}: remove ${tags.length - max}.`;
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    const problem = tagProblem(key, value);
    if (problem) return problem;
    if (seen.has(key)) return `The tag key "${key}" is used twice.`;
    seen.add(key);
  }
  return null;
}

/** Problem with one tag, or null. */
export function tagProblem(key: string, value: string): string | null {
  if (key.length === 0) return 'A tag key must not be empty.';
  if (charCount(key) > MAX_TAG_KEY_CHARS)
    return `The tag key "${shorten(key)}" is longer than ${MAX_TAG_KEY_CHARS} characters.`;
  if (charCount(value) > MAX_TAG_VALUE_CHARS)
    return `The value of tag "${shorten(key)}" is longer than ${MAX_TAG_VALUE_CHARS} characters.`;
  if (key.toLowerCase().startsWith('aws:')) return 'Tag keys starting with "aws:" are reserved.';
  if (!TAG_CHARS.test(key))
    return `The tag key "${shorten(key)}" has a character tags cannot hold (allowed: letters, digits, spaces and + - = . _ : / @).`;
  if (!TAG_CHARS.test(value))
    return `The value of tag "${shorten(key)}" has a character tags cannot hold (allowed: letters, digits, spaces and + - = . _ : / @).`;
  return null;
}

/** Problem with user metadata (names without `x-amz-meta-`), or null. */
export function metadataProblem(metadata: Readonly<Record<string, string>>): string | null {
  const seen = new Set<string>();
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (name.length === 0) return 'A metadata name must not be empty.';
    if (!HEADER_NAME.test(name))
      return `The metadata name "${shorten(name)}" may hold only letters, digits and ! # $ % & ' * + - . ^ _ \` | ~.`;
    const lower = name.toLowerCase();
    if (seen.has(lower)) return `The metadata name "${name}" is used twice (names ignore case).`;
    seen.add(lower);
    if (!PRINTABLE_ASCII.test(value))
      return `The value of "${shorten(name)}" must be plain ASCII text (no accents, emoji or line breaks).`;
    bytes += utf8Length(name) + utf8Length(value);
  }
  if (bytes > MAX_METADATA_BYTES)
    return `User metadata is ${bytes.toLocaleString('en-US')} bytes; S3 allows ${MAX_METADATA_BYTES.toLocaleString('en-US')} in all.`;
  return null;
}

/** Problem with the content headers, or null. */
export function contentHeadersProblem(h: ContentHeaders): string | null {
  const named: [string, string | null][] = [
    ['Content-Type', h.contentType],
    ['Cache-Control', h.cacheControl],
    ['Content-Disposition', h.contentDisposition],
    ['Content-Encoding', h.contentEncoding],
    ['Content-Language', h.contentLanguage],
    ['Expires', h.expires],
  ];
  for (const [name, value] of named) {
    if (value !== null && !PRINTABLE_ASCII.test(value))
      return `${name} must be plain ASCII text (no accents, emoji or line breaks).`;
  }
  if (h.expires !== null && Number.isNaN(Date.parse(h.expires)))
    return 'Expires must be a date, such as 2027-01-31T12:00:00Z or Sun, 31 Jan 2027 12:00:00 GMT.';
  return null;
}

/** Problem with a share link's lifetime, or null. */
export function shareExpiryProblem(seconds: number): string | null {
  if (!Number.isInteger(seconds) || seconds < SHARE_MIN_SECONDS || seconds > SHARE_MAX_SECONDS)
    return 'A share link lasts from 15 minutes to 7 days.';
  return null;
}

/** Problem with the file name a share link suggests, or null. */
export function downloadNameProblem(name: string): string | null {
  if (name.trim() === '') return 'The download file name must not be empty.';
  if (charCount(name) > 255) return 'The download file name is longer than 255 characters.';
  if (UNSAFE_DOWNLOAD_NAME.test(name)) return 'The download file name must not hold / \\ " or control characters.';
  if (windowsReservedName(name)) {
    return `The download file name “${name}” is a device name on Windows (CON, NUL, COM1…): choose another name.`;
  }
  return null;
}

/** Problem with a bucket's default retention, or null. */
export function defaultRetentionProblem(r: DefaultRetention): string | null {
  const given = [r.days, r.years].filter((n) => n !== null);
  if (given.length !== 1) return 'Give the default retention in days or in years (one of them).';
  const n = given[0] as number;
  if (!Number.isInteger(n) || n < 1) return 'The default retention must be a whole number, at least 1.';
  if ((r.days !== null && n > 36_500) || (r.years !== null && n > 100))
    return 'The default retention may be at most 100 years (36,500 days).';
  return null;
}

/** Problem with a per-object retain-until date, or null. */
export function retainUntilProblem(iso: string, now: number = Date.now()): string | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'The retain-until date is not a date.';
  if (t <= now) return 'The retain-until date must be in the future.';
  return null;
}

/** Problem with an encryption choice, or null. */
export function encryptionProblem(e: Encryption): string | null {
  if (e.algorithm === 'AES256' && e.kmsKeyId !== null)
    return 'A KMS key applies only to verenc (or aws:kms) encryption.';
  if (e.kmsKeyId !== null && (e.kmsKeyId.trim() === '' || !PRINTABLE_ASCII.test(e.kmsKeyId)))
    return 'The KMS key id must be plain text such as qkms:<uuid> or arn:verenc:<account>:key/<uuid>.';
  return null;
}

/** Problem with a website configuration, or null. */
export function websiteProblem(w: WebsiteConfig): string | null {
  if (w.indexDocument.trim() === '') return 'Name the index document, such as index.html.';
  if (w.indexDocument.includes('/')) return 'The index document is a name such as index.html, without a slash.';
  if (utf8Length(w.indexDocument) > 1024 || (w.errorDocument !== null && utf8Length(w.errorDocument) > 1024))
    return 'Document names are at most 1024 bytes.';
  if (w.errorDocument !== null && w.errorDocument.trim() === '') return 'The error document must not be blank.';
  return null;
}

function shorten(s: string): string {
  return s.length > 24 ? `${s.slice(0, 21)}…` : s;
}
