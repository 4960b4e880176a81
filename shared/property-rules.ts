/**
 * S3's limits on tags, metadata, share links, retention and website settings, checked in the
 * UI before anything is sent and again by the request schemas. Each check (`…Rule`) returns
 * the first problem as data, a rule id and the values its sentence names, or null; `…Problem`
 * says it as an English sentence a person can act on (the core's words). The renderer words
 * the same rule ids from its catalogue, in the UI's language (`rules:<id>`).
 */
import { utf8Length } from './keys';
import { windowsReservedName } from './local-names';
import { ruleBook, type RuleProblem, type Sentences } from './rule-problem';
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

/** Every rule's English sentence, by id: the core's words (the renderer's catalogue has its own). */
const SENTENCES = {
  'tags.tooMany': (v) => `At most ${v.max} tags per ${v.scope}: remove ${v.excess}.`,
  'tags.keyTwice': (v) => `The tag key "${v.key}" is used twice.`,
  'tag.keyEmpty': () => 'A tag key must not be empty.',
  'tag.keyTooLong': (v) => `The tag key "${v.key}" is longer than ${v.max} characters.`,
  'tag.valueTooLong': (v) => `The value of tag "${v.key}" is longer than ${v.max} characters.`,
  'tag.reserved': () => 'Tag keys starting with "aws:" are reserved.',
  'tag.keyCharacter': (v) =>
    `The tag key "${v.key}" has a character tags cannot hold (allowed: letters, digits, spaces and + - = . _ : / @).`,
  'tag.valueCharacter': (v) =>
    `The value of tag "${v.key}" has a character tags cannot hold (allowed: letters, digits, spaces and + - = . _ : / @).`,
  'metadata.nameEmpty': () => 'A metadata name must not be empty.',
  'metadata.nameCharacter': (v) =>
    `The metadata name "${v.name}" may hold only letters, digits and ! # $ % & ' * + - . ^ _ \` | ~.`,
  'metadata.nameTwice': (v) => `The metadata name "${v.name}" is used twice (names ignore case).`,
  'metadata.valueAscii': (v) => `The value of "${v.name}" must be plain ASCII text (no accents, emoji or line breaks).`,
  'metadata.tooLarge': (v) =>
    `User metadata is ${v.bytes.toLocaleString('en-US')} bytes; S3 allows ${v.max.toLocaleString('en-US')} in all.`,
  'header.ascii': (v) => `${v.name} must be plain ASCII text (no accents, emoji or line breaks).`,
  'header.expiresDate': () => 'Expires must be a date, such as 2027-01-31T12:00:00Z or Sun, 31 Jan 2027 12:00:00 GMT.',
  'share.expiry': () => 'A share link lasts from 15 minutes to 7 days.',
  'downloadName.empty': () => 'The download file name must not be empty.',
  'downloadName.tooLong': () => 'The download file name is longer than 255 characters.',
  'downloadName.unsafe': () => 'The download file name must not hold / \\ " or control characters.',
  'downloadName.reserved': (v) =>
    `The download file name “${v.name}” is a device name on Windows (CON, NUL, COM1…): choose another name.`,
  'retention.oneUnit': () => 'Give the default retention in days or in years (one of them).',
  'retention.whole': () => 'The default retention must be a whole number, at least 1.',
  'retention.tooLong': () => 'The default retention may be at most 100 years (36,500 days).',
  'retainUntil.notDate': () => 'The retain-until date is not a date.',
  'retainUntil.past': () => 'The retain-until date must be in the future.',
  'encryption.keyWithAes': () => 'A KMS key applies only to verenc (or aws:kms) encryption.',
  'encryption.keyText': () =>
    'The KMS key id must be plain text such as qkms:<uuid> or arn:verenc:<account>:key/<uuid>.',
  'website.indexEmpty': () => 'Name the index document, such as index.html.',
  'website.indexSlash': () => 'The index document is a name such as index.html, without a slash.',
  'website.nameTooLong': () => 'Document names are at most 1024 bytes.',
  'website.errorBlank': () => 'The error document must not be blank.',
} satisfies Sentences;

const rules = ruleBook(SENTENCES);
const { broken } = rules;
export const PROPERTY_RULE_IDS = rules.ids;
/** The English sentence for a broken rule (what the core says), or null. */
export const ruleSentence = rules.sentence;

/** Problem with a tag set for an object or a bucket, or null. */
export function tagSetRule(tags: readonly Tag[], scope: 'object' | 'bucket'): RuleProblem | null {
  const max = scope === 'object' ? MAX_OBJECT_TAGS : MAX_BUCKET_TAGS;
  if (tags.length > max) return broken('tags.tooMany', { max, scope, excess: tags.length - max });
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    const problem = tagRule(key, value);
    if (problem) return problem;
    if (seen.has(key)) return broken('tags.keyTwice', { key });
    seen.add(key);
  }
  return null;
}

/** Problem with one tag, or null. */
export function tagRule(key: string, value: string): RuleProblem | null {
  if (key.length === 0) return broken('tag.keyEmpty');
  if (charCount(key) > MAX_TAG_KEY_CHARS)
    return broken('tag.keyTooLong', { key: shorten(key), max: MAX_TAG_KEY_CHARS });
  if (charCount(value) > MAX_TAG_VALUE_CHARS)
    return broken('tag.valueTooLong', { key: shorten(key), max: MAX_TAG_VALUE_CHARS });
  if (key.toLowerCase().startsWith('aws:')) return broken('tag.reserved');
  if (!TAG_CHARS.test(key)) return broken('tag.keyCharacter', { key: shorten(key) });
  if (!TAG_CHARS.test(value)) return broken('tag.valueCharacter', { key: shorten(key) });
  return null;
}

/** Problem with user metadata (names without `x-amz-meta-`), or null. */
export function metadataRule(metadata: Readonly<Record<string, string>>): RuleProblem | null {
  const seen = new Set<string>();
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (name.length === 0) return broken('metadata.nameEmpty');
    if (!HEADER_NAME.test(name)) return broken('metadata.nameCharacter', { name: shorten(name) });
    const lower = name.toLowerCase();
    if (seen.has(lower)) return broken('metadata.nameTwice', { name });
    seen.add(lower);
    if (!PRINTABLE_ASCII.test(value)) return broken('metadata.valueAscii', { name: shorten(name) });
    bytes += utf8Length(name) + utf8Length(value);
  }
  if (bytes > MAX_METADATA_BYTES) return broken('metadata.tooLarge', { bytes, max: MAX_METADATA_BYTES });
  return null;
}

/** Problem with the content headers, or null. */
export function contentHeadersRule(h: ContentHeaders): RuleProblem | null {
  const named: [string, string | null][] = [
    ['Content-Type', h.contentType],
    ['Cache-Control', h.cacheControl],
    ['Content-Disposition', h.contentDisposition],
    ['Content-Encoding', h.contentEncoding],
    ['Content-Language', h.contentLanguage],
    ['Expires', h.expires],
  ];
  for (const [name, value] of named) {
    if (value !== null && !PRINTABLE_ASCII.test(value)) return broken('header.ascii', { name });
  }
  if (h.expires !== null && Number.isNaN(Date.parse(h.expires))) return broken('header.expiresDate');
  return null;
}

/** Problem with a share link's lifetime, or null. */
export function shareExpiryRule(seconds: number): RuleProblem | null {
  if (!Number.isInteger(seconds) || seconds < SHARE_MIN_SECONDS || seconds > SHARE_MAX_SECONDS)
    return broken('share.expiry');
  return null;
}

/** Problem with the file name a share link suggests, or null. */
export function downloadNameRule(name: string): RuleProblem | null {
  if (name.trim() === '') return broken('downloadName.empty');
  if (charCount(name) > 255) return broken('downloadName.tooLong');
  if (UNSAFE_DOWNLOAD_NAME.test(name)) return broken('downloadName.unsafe');
  if (windowsReservedName(name)) return broken('downloadName.reserved', { name });
  return null;
}

/** Problem with a bucket's default retention, or null. */
export function defaultRetentionRule(r: DefaultRetention): RuleProblem | null {
  const given = [r.days, r.years].filter((n) => n !== null);
  if (given.length !== 1) return broken('retention.oneUnit');
  const n = given[0] as number;
  if (!Number.isInteger(n) || n < 1) return broken('retention.whole');
  if ((r.days !== null && n > 36_500) || (r.years !== null && n > 100)) return broken('retention.tooLong');
  return null;
}

/** Problem with a per-object retain-until date, or null. */
export function retainUntilRule(iso: string, now: number = Date.now()): RuleProblem | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return broken('retainUntil.notDate');
  if (t <= now) return broken('retainUntil.past');
  return null;
}

/** Problem with an encryption choice, or null. */
export function encryptionRule(e: Encryption): RuleProblem | null {
  if (e.algorithm === 'AES256' && e.kmsKeyId !== null) return broken('encryption.keyWithAes');
  if (e.kmsKeyId !== null && (e.kmsKeyId.trim() === '' || !PRINTABLE_ASCII.test(e.kmsKeyId)))
    return broken('encryption.keyText');
  return null;
}

/** Problem with a website configuration, or null. */
export function websiteRule(w: WebsiteConfig): RuleProblem | null {
  if (w.indexDocument.trim() === '') return broken('website.indexEmpty');
  if (w.indexDocument.includes('/')) return broken('website.indexSlash');
  if (utf8Length(w.indexDocument) > 1024 || (w.errorDocument !== null && utf8Length(w.errorDocument) > 1024))
    return broken('website.nameTooLong');
  if (w.errorDocument !== null && w.errorDocument.trim() === '') return broken('website.errorBlank');
  return null;
}

// The same checks as English sentences: what the core and the request schemas say.
export const tagSetProblem = (tags: readonly Tag[], scope: 'object' | 'bucket'): string | null =>
  ruleSentence(tagSetRule(tags, scope));
export const tagProblem = (key: string, value: string): string | null => ruleSentence(tagRule(key, value));
export const metadataProblem = (metadata: Readonly<Record<string, string>>): string | null =>
  ruleSentence(metadataRule(metadata));
export const contentHeadersProblem = (h: ContentHeaders): string | null => ruleSentence(contentHeadersRule(h));
export const shareExpiryProblem = (seconds: number): string | null => ruleSentence(shareExpiryRule(seconds));
export const downloadNameProblem = (name: string): string | null => ruleSentence(downloadNameRule(name));
export const defaultRetentionProblem = (r: DefaultRetention): string | null => ruleSentence(defaultRetentionRule(r));
export const retainUntilProblem = (iso: string, now: number = Date.now()): string | null =>
  ruleSentence(retainUntilRule(iso, now));
export const encryptionProblem = (e: Encryption): string | null => ruleSentence(encryptionRule(e));
export const websiteProblem = (w: WebsiteConfig): string | null => ruleSentence(websiteRule(w));

function shorten(s: string): string {
  return s.length > 24 ? `${s.slice(0, 21)}…` : s;
}
