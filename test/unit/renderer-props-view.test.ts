import { describe, expect, it } from 'vitest';
import type { ObjectDetails } from '../../shared/models';
import type { ObjectVersion } from '../../shared/properties';
import {
  fromLocalInput,
  retainInputProblem,
  toLocalInput,
  describeRetention,
} from '../../renderer/src/view-model/lock-form';
import {
  formChange,
  formFromDetails,
  formProblems,
  headerProblem,
  metadataRow,
  storageClassOptions,
  type PropertiesForm,
} from '../../renderer/src/view-model/properties-form';
import {
  CUSTOM_EXPIRY,
  EXPIRY_CHOICES,
  expiryLabel,
  expiryProblem,
  expirySeconds,
} from '../../renderer/src/view-model/share-expiry';
import {
  filterVersionRows,
  folderRows,
  shortVersionId,
  versionBadges,
  versionRowIndex,
  versionRows,
} from '../../renderer/src/view-model/version-rows';

const DETAILS: ObjectDetails = {
  key: 'a/report.csv',
  size: 3,
  contentType: 'text/plain',
  etag: '"e"',
  lastModified: null,
  storageClass: 'STANDARD',
  serverSideEncryption: null,
  kmsKeyId: null,
  versionId: null,
  cacheControl: null,
  contentDisposition: null,
  contentEncoding: null,
  contentLanguage: null,
  expires: null,
  metadata: { owner: 'me' },
};

const v = (key: string, versionId: string, extra: Partial<ObjectVersion> = {}): ObjectVersion => ({
  key,
  versionId,
  isLatest: false,
  isDeleteMarker: false,
  size: 1,
  lastModified: null,
  etag: null,
  storageClass: null,
  ...extra,
});

describe('share link expiry', () => {
  it('offers 15 minutes, 1 hour, 1 day and 7 days, each within the rule', () => {
    expect(EXPIRY_CHOICES.map((c) => [expiryLabel(c), c.seconds])).toEqual([
      ['15 minutes', 900],
      ['1 hour', 3600],
      ['1 day', 86_400],
      ['7 days', 604_800],
    ]);
    for (const c of EXPIRY_CHOICES) expect(expiryProblem(c.id, '', '')).toBeNull();
  });

  it('a custom length counts hours and minutes (blank is 0) and must lie in 15 min – 7 days', () => {
    expect(expirySeconds(CUSTOM_EXPIRY, '2', '30')).toBe(9000);
    expect(expirySeconds(CUSTOM_EXPIRY, '', '15')).toBe(900);
    expect(expiryProblem(CUSTOM_EXPIRY, '0', '15')).toBeNull();
    expect(expiryProblem(CUSTOM_EXPIRY, '168', '0')).toBeNull();
    const outside = 'A share link lasts from 15 minutes to 7 days.';
    expect(expiryProblem(CUSTOM_EXPIRY, '0', '14')).toBe(outside);
    expect(expiryProblem(CUSTOM_EXPIRY, '168', '1')).toBe(outside);
    expect(expiryProblem(CUSTOM_EXPIRY, '', '')).toBe(outside);
  });

  it('refuses what is not a whole number', () => {
    for (const [h, m] of [
      ['1.5', '0'],
      ['-1', '30'],
      ['2', 'x'],
      ['1e2', '0'],
    ] as const) {
      expect(Number.isNaN(expirySeconds(CUSTOM_EXPIRY, h, m))).toBe(true);
      expect(expiryProblem(CUSTOM_EXPIRY, h, m)).toBe('A share link lasts from 15 minutes to 7 days.');
    }
  });
});

describe('version rows', () => {
  it('marks a key’s later rows as older, across pages', () => {
    const first = versionRows([v('a', 'a2', { isLatest: true }), v('a', 'a1'), v('b', 'b1', { isLatest: true })]);
    expect(first.map((r) => r.kind === 'version' && r.older)).toEqual([false, true, false]);
    const next = versionRows([v('b', 'b0'), v('c', 'c1')], first.at(-1) ?? null);
    expect(next.map((r) => r.kind === 'version' && r.older)).toEqual([true, false]);
    expect(next[0]?.name).toBe('b');
  });

  it('gives each key and version its own id, whatever the key holds', () => {
    const rows = versionRows([v('x","y', 'z'), v('x', '","y","z')]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    expect(versionRowIndex(rows, rows[1]?.id ?? null)).toBe(1);
    expect(versionRowIndex(rows, 'missing')).toBe(-1);
    expect(versionRowIndex(rows, null)).toBe(-1);
  });

  it('names folders by their last segment and filters rows by name', () => {
    const rows = [...folderRows(['docs/photos/']), ...versionRows([v('docs/cat.png', '1'), v('docs/readme.md', '2')])];
    expect(rows[0]).toEqual({ kind: 'folder', id: 'docs/photos/', key: 'docs/photos/', name: 'photos' });
    expect(filterVersionRows(rows, ' PHO ').map((r) => r.key)).toEqual(['docs/photos/']);
    expect(filterVersionRows(rows, 'docs')).toEqual([]);
    expect(filterVersionRows(rows, '')).toBe(rows);
  });

  it('shortens long version ids and badges the latest and delete markers', () => {
    expect(shortVersionId('null')).toBe('null');
    expect(shortVersionId('XXSwr4hxW6tQZhzEC-szvvf56DXoW-b')).toBe('XXSwr4hxW6…');
    expect(versionBadges(v('a', '1', { isLatest: true, isDeleteMarker: true }))).toEqual(['latest', 'deleteMarker']);
    expect(versionBadges(v('a', '1'))).toEqual([]);
  });
});

describe('the Edit properties form', () => {
  const form = (change: (f: PropertiesForm) => PropertiesForm = (f) => f): PropertiesForm =>
    change(formFromDetails(DETAILS));

  it('starts from the details and sends headers (blank = none), metadata and the storage class', () => {
    const f = form((x) => ({
      ...x,
      headers: { ...x.headers, cacheControl: ' max-age=60 ', contentLanguage: '  ' },
      metadata: [...x.metadata, metadataRow('team', 'blue'), metadataRow()],
      storageClass: 'STANDARD_IA',
    }));
    expect(formChange(f)).toEqual({
      headers: {
        contentType: 'text/plain',
        cacheControl: 'max-age=60',
        contentDisposition: null,
        contentEncoding: null,
        contentLanguage: null,
        expires: null,
      },
      metadata: { owner: 'me', team: 'blue' },
      storageClass: 'STANDARD_IA',
    });
    expect(formChange(form())?.storageClass).toBeNull();
  });

  it('refuses metadata over 2 KB, non-ASCII values and repeated names, and sends nothing', () => {
    const big = form((x) => ({ ...x, metadata: [metadataRow('note', 'a'.repeat(2100))] }));
    expect(formProblems(big).metadata).toBe('User metadata is 2,104 bytes; S3 allows 2,048 in all.');
    expect(formChange(big)).toBeNull();
    const accented = form((x) => ({ ...x, metadata: [metadataRow('city', 'Zürich')] }));
    expect(formProblems(accented).metadata).toBe(
      'The value of "city" must be plain ASCII text (no accents, emoji or line breaks).',
    );
    const twice = form((x) => ({ ...x, metadata: [metadataRow('a', '1'), metadataRow('a', '2')] }));
    expect(formProblems(twice).metadata).toBe('The metadata name "a" is used twice.');
    const cased = form((x) => ({ ...x, metadata: [metadataRow('A', '1'), metadataRow('a', '2')] }));
    expect(formProblems(cased).metadata).toBe('The metadata name "a" is used twice (names ignore case).');
  });

  it('puts a header’s problem next to that header only', () => {
    const f = form((x) => ({ ...x, headers: { ...x.headers, expires: 'soon', contentType: 'text/plain' } }));
    expect(headerProblem(f, 'expires')).toMatch(/^Expires must be a date/);
    expect(headerProblem(f, 'contentType')).toBeNull();
    expect(formChange(f)).toBeNull();
  });

  it('offers the usual storage classes and the object’s own when it is another', () => {
    expect(storageClassOptions('STANDARD')).toEqual([
      'STANDARD',
      'STANDARD_IA',
      'ONEZONE_IA',
      'INTELLIGENT_TIERING',
      'GLACIER_IR',
    ]);
    expect(storageClassOptions('DEEP_ARCHIVE').at(-1)).toBe('DEEP_ARCHIVE');
  });
});

describe('retain-until dates', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');

  it('round-trips local datetime values to the minute', () => {
    const iso = '2026-07-04T09:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput('not a date')).toBe('');
    expect(fromLocalInput('')).toBeNull();
  });

  it('checks a typed date with the shared rule', () => {
    expect(retainInputProblem(toLocalInput('2026-06-02T12:00:00Z'), now)).toBeNull();
    expect(retainInputProblem(toLocalInput('2026-05-01T12:00:00Z'), now)).toBe(
      'The retain-until date must be in the future.',
    );
    expect(retainInputProblem('', now)).toBe('The retain-until date is not a date.');
  });

  it('describes a retention', () => {
    expect(describeRetention(null)).toBe('No retention');
    expect(describeRetention({ mode: 'COMPLIANCE', retainUntil: '2030-01-01T00:00:00Z' })).toMatch(
      /^Compliance mode, until /,
    );
  });
});
