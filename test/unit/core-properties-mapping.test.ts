/**
 * Pure logic of the property handlers: ACL mapping both ways, version merge and order, the
 * versions page token, tag edits, copy-in-place headers, share and website addresses, and the
 * object-lock refusal message.
 */
import { describe, expect, it } from 'vitest';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, type Acl, type ObjectVersion } from '../../shared/properties';
import { contentDisposition } from '../../electron/core/content-disposition';
import { fromSdkAcl, isOwnerOnly, toSdkPolicy } from '../../electron/core/providers/s3/acl';
import { changedHeaders } from '../../electron/core/providers/s3/copy-in-place';
import { lockedDeleteMessage } from '../../electron/core/providers/s3/object-lock';
import { applyTagEdit } from '../../electron/core/providers/s3/tag-edits';
import { fromSdkTags, taggingHeader, toSdkTags } from '../../electron/core/providers/s3/tags';
import { decodeVersionToken, encodeVersionToken, sortVersions } from '../../electron/core/providers/s3/version-listing';
import { publicUrl } from '../../electron/core/providers/s3/website';
import { encodeCopySource } from '../../electron/core/providers/s3/copy';
import { createDownloadLinks } from '../../electron/web/download-links';

describe('ACL mapping', () => {
  const sdk = {
    Owner: { ID: 'owner-id', DisplayName: 'Owner' },
    Grants: [
      {
        Grantee: { Type: 'CanonicalUser' as const, ID: 'owner-id', DisplayName: 'Owner' },
        Permission: 'FULL_CONTROL' as const,
      },
      { Grantee: { Type: 'Group' as const, URI: ALL_USERS_URI }, Permission: 'READ' as const },
      {
        Grantee: { Type: 'AmazonCustomerByEmail' as const, EmailAddress: 'a@example.com' },
        Permission: 'WRITE_ACP' as const,
      },
      { Grantee: { Type: 'CanonicalUser' as const, ID: 'other' }, Permission: 'READ_ACP' as const },
    ],
  };
  const acl: Acl = {
    owner: { id: 'owner-id', displayName: 'Owner' },
    grants: [
      { grantee: { type: 'CanonicalUser', id: 'owner-id', displayName: 'Owner' }, permission: 'FULL_CONTROL' },
      { grantee: { type: 'Group', uri: ALL_USERS_URI }, permission: 'READ' },
      { grantee: { type: 'AmazonCustomerByEmail', email: 'a@example.com' }, permission: 'WRITE_ACP' },
      { grantee: { type: 'CanonicalUser', id: 'other', displayName: null }, permission: 'READ_ACP' },
    ],
  };

  it('reads every grantee type and permission', () => {
    expect(fromSdkAcl(sdk)).toEqual(acl);
  });

  it('writes the grants back under the owner (display names are the service’s)', () => {
    expect(toSdkPolicy(acl.owner, acl.grants)).toEqual({
      Owner: { ID: 'owner-id' },
      Grants: [
        { Grantee: { Type: 'CanonicalUser', ID: 'owner-id' }, Permission: 'FULL_CONTROL' },
        { Grantee: { Type: 'Group', URI: ALL_USERS_URI }, Permission: 'READ' },
        { Grantee: { Type: 'AmazonCustomerByEmail', EmailAddress: 'a@example.com' }, Permission: 'WRITE_ACP' },
        { Grantee: { Type: 'CanonicalUser', ID: 'other' }, Permission: 'READ_ACP' },
      ],
    });
    // Round trip: what is written reads back the same (display names aside).
    const back = fromSdkAcl(toSdkPolicy(acl.owner, acl.grants));
    expect(back.grants.map((g) => g.permission)).toEqual(acl.grants.map((g) => g.permission));
  });

  it('leaves out grants it cannot express, and tolerates a missing owner', () => {
    expect(
      fromSdkAcl({
        Grants: [
          { Grantee: { Type: 'Group', URI: AUTHENTICATED_USERS_URI }, Permission: 'READ' },
          { Grantee: { Type: 'Group' }, Permission: 'READ' },
          { Grantee: { Type: 'CanonicalUser', ID: 'x' } },
          { Permission: 'READ' },
        ],
      }),
    ).toEqual({
      owner: { id: '', displayName: null },
      grants: [{ grantee: { type: 'Group', uri: AUTHENTICATED_USERS_URI }, permission: 'READ' }],
    });
  });

  it('knows the ACL every new object gets anyway', () => {
    expect(isOwnerOnly({ owner: acl.owner, grants: acl.grants.slice(0, 1) })).toBe(true);
    expect(isOwnerOnly({ owner: acl.owner, grants: [] })).toBe(true);
    expect(isOwnerOnly(acl)).toBe(false);
    expect(
      isOwnerOnly({
        owner: acl.owner,
        grants: [{ grantee: { type: 'CanonicalUser', id: 'owner-id', displayName: null }, permission: 'READ' }],
      }),
    ).toBe(false);
  });
});

describe('versions: order and page token', () => {
  const v = (key: string, versionId: string, at: string | null, extra: Partial<ObjectVersion> = {}): ObjectVersion => ({
    key,
    versionId,
    isLatest: false,
    isDeleteMarker: false,
    size: 1,
    lastModified: at,
    etag: null,
    storageClass: null,
    ...extra,
  });

  it('merges versions and delete markers: keys in UTF-8 byte order, the latest first, then newest first', () => {
    const versions = [
      v('b', 'b1', '2024-01-01T00:00:01Z'),
      v('b', 'b3', '2024-01-01T00:00:03Z'),
      v('a', 'a1', '2024-01-01T00:00:01Z', { isLatest: true }),
      v('\uffff', 'u1', '2024-01-01T00:00:01Z', { isLatest: true }),
      v('😀', 'e1', '2024-01-01T00:00:01Z', { isLatest: true }),
    ];
    const markers = [v('b', 'bm', '2024-01-01T00:00:03Z', { isLatest: true, isDeleteMarker: true, size: null })];
    expect(sortVersions([...versions, ...markers]).map((x) => x.versionId)).toEqual([
      'a1',
      'bm',
      'b3',
      'b1',
      'u1',
      'e1',
    ]);
  });

  it('keeps the service order for equal times', () => {
    const same = '2024-01-01T00:00:00Z';
    expect(sortVersions([v('k', '1', same), v('k', '2', same), v('k', '3', null)]).map((x) => x.versionId)).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('round-trips the markers through an opaque, URL-safe token', () => {
    for (const markers of [
      { keyMarker: 'photos/ünïcode +&=?.jpg', versionIdMarker: 'abc.DEF-123_' },
      { keyMarker: 'k', versionIdMarker: null },
    ]) {
      const token = encodeVersionToken(markers);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeVersionToken(token)).toEqual(markers);
    }
  });

  it.each(['', 'bogus', Buffer.from('{"k":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'refuses a token it did not make: %j',
    (token) => {
      expect(() => decodeVersionToken(token)).toThrow(expect.objectContaining({ code: 'InvalidRequest' }));
    },
  );
});

describe('tags', () => {
  const current = [
    { key: 'a', value: '1' },
    { key: 'b', value: '2' },
    { key: 'c', value: '3' },
  ];

  it('replaces values in place, appends new tags, removes keys', () => {
    expect(
      applyTagEdit(
        current,
        [
          { key: 'b', value: 'two' },
          { key: 'd', value: '4' },
        ],
        ['c', 'missing'],
      ),
    ).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: 'two' },
      { key: 'd', value: '4' },
    ]);
  });

  it('removes a key that is also set (remove comes after set)', () => {
    expect(applyTagEdit(current, [{ key: 'x', value: '1' }], ['x', 'a'])).toEqual([
      { key: 'b', value: '2' },
      { key: 'c', value: '3' },
    ]);
  });

  it('maps to and from the SDK, and encodes the x-amz-tagging header', () => {
    expect(fromSdkTags(toSdkTags(current))).toEqual(current);
    expect(fromSdkTags(undefined)).toEqual([]);
    expect(
      taggingHeader([
        { key: 'a b', value: 'x=y&z' },
        { key: 'é', value: '' },
      ]),
    ).toBe('a%20b=x%3Dy%26z&%C3%A9=');
  });
});

describe('copy in place', () => {
  it('sends the headers given and leaves out the null ones (which removes them)', () => {
    expect(
      changedHeaders({
        contentType: 'text/plain',
        cacheControl: null,
        contentDisposition: 'inline',
        contentEncoding: null,
        contentLanguage: 'de',
        expires: 'Sun, 31 Jan 2027 12:00:00 GMT',
      }),
    ).toEqual({
      ContentType: 'text/plain',
      ContentDisposition: 'inline',
      ContentLanguage: 'de',
      Expires: new Date('2027-01-31T12:00:00Z'),
    });
  });

  it('names one version of the source with ?versionId=', () => {
    expect(encodeCopySource('bkt', 'a b/ü.txt', 'v1+/=')).toBe('bkt/a%20b/%C3%BC.txt?versionId=v1%2B%2F%3D');
    expect(encodeCopySource('bkt', 'k')).toBe('bkt/k');
  });
});

describe('share links and website addresses', () => {
  it('suggests the download name as an attachment, with an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Résumé 2024 (final).pdf')).toBe(
      `attachment; filename="R_sum_ 2024 (final).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%202024%20%28final%29.pdf`,
    );
    expect(contentDisposition('100% plan.txt')).toBe(
      `attachment; filename="100_ plan.txt"; filename*=UTF-8''100%25%20plan.txt`,
    );
  });

  it('serves a bucket at its subdomain (virtual-hosted) or under the endpoint (path style, dotted names)', () => {
    const qstorage = { endpoint: 'https://qstorage.quilibrium.com', addressingStyle: 'virtual' as const };
    expect(publicUrl(qstorage, 'site')).toBe('https://site.qstorage.quilibrium.com/');
    expect(publicUrl({ ...qstorage, endpoint: 'http://s3.local:9000/' }, 'site')).toBe('http://site.s3.local:9000/');
    expect(publicUrl(qstorage, 'www.example.com')).toBe('https://qstorage.quilibrium.com/www.example.com/');
    expect(publicUrl({ endpoint: ' http://127.0.0.1:8080// ', addressingStyle: 'path' }, 'site')).toBe(
      'http://127.0.0.1:8080/site/',
    );
  });

  it("the browser host's one-time link keeps the version it was made for", () => {
    const links = createDownloadLinks();
    const source = { accountId: 'a', bucket: 'b', key: 'k', versionId: 'v1' };
    const path = links.create(source);
    expect(links.take(path.slice('/download/'.length))).toEqual(source);
  });
});

describe('object lock refusals', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const until = '2026-06-02T00:00:00.000Z';

  it('names every lock that holds the version, and what would free it', () => {
    expect(lockedDeleteMessage({ legalHold: true, retention: null }, now)).toBe(
      'This version cannot be deleted: it is under a legal hold (turn the hold off first).',
    );
    expect(lockedDeleteMessage({ legalHold: false, retention: { mode: 'GOVERNANCE', retainUntil: until } }, now)).toBe(
      `This version cannot be deleted: it is retained in GOVERNANCE mode until ${until} (delete it with governance bypass, or wait).`,
    );
    expect(lockedDeleteMessage({ legalHold: true, retention: { mode: 'COMPLIANCE', retainUntil: until } }, now)).toBe(
      `This version cannot be deleted: it is under a legal hold (turn the hold off first); and it is retained in COMPLIANCE mode until ${until} (nobody can delete it before then).`,
    );
  });

  it('falls back to a general sentence when the lock state is unknown or lapsed', () => {
    const general = 'This version is protected by object lock and cannot be deleted now.';
    expect(lockedDeleteMessage(null, now)).toBe(general);
    expect(
      lockedDeleteMessage(
        { legalHold: false, retention: { mode: 'GOVERNANCE', retainUntil: '2026-05-01T00:00:00Z' } },
        now,
      ),
    ).toBe(general);
  });
});
