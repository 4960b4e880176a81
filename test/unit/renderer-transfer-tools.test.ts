// Settings → Transfers form checks and the incomplete-uploads tool's paging and aborting.
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/errors';
import { requestSchemas } from '../../shared/contract';
import { DEFAULT_TRANSFER_SETTINGS, MiB, type IncompleteUpload } from '../../shared/transfers';
import { ABORT_PER_CALL, abortAll, listRest, uploadRef } from '../../renderer/src/view-model/incomplete-uploads';
import { FakeAppApi } from './fakes/fake-app-api';
import {
  NUMERIC_SETTINGS,
  checkDraft,
  describeRange,
  draftFrom,
  storedRange,
} from '../../renderer/src/view-model/transfer-settings-form';

describe('transfer settings form', () => {
  const current = DEFAULT_TRANSFER_SETTINGS;

  it('shows the settings in MiB, MiB/s and seconds, and an unchanged draft sends nothing', () => {
    const draft = draftFrom(current);
    expect(draft.multipartThresholdBytes).toBe('64');
    expect(draft.partSizeBytes).toBe('8');
    expect(draft.uploadBytesPerSecond).toBe('0');
    expect(draft.stallTimeoutMs).toBe('30');
    expect(draft.quicksyncPartSizeBytes).toBe('5');
    expect(checkDraft(draft, current)).toEqual({ ok: true, patch: {} });
  });

  it('converts the units back and sends only what changed', () => {
    const draft = { ...draftFrom(current), uploadBytesPerSecond: '0.5', partSizeBytes: '16', resumeOnStart: false };
    expect(checkDraft(draft, current)).toEqual({
      ok: true,
      patch: { uploadBytesPerSecond: 0.5 * MiB, partSizeBytes: 16 * MiB, resumeOnStart: false },
    });
  });

  it.each([
    ['jobsInParallel', '0', /between 1 and 16 jobs/],
    ['jobsInParallel', '2.5', /whole number/],
    ['partsInParallel', '33', /between 1 and 32 parts/],
    ['partSizeBytes', '4', /between 5 and 5120 MiB/],
    ['quicksyncPartSizeBytes', '26', /between 1 and 25 MiB/],
    ['multipartThresholdBytes', 'lots', /Enter a number/],
    ['stallTimeoutMs', '0.5', /between 1 and 600 seconds/],
    ['maxAttempts', '', /Enter a number/],
    ['uploadBytesPerSecond', '-1', /between 0 and 10240 MiB\/s/],
  ] as const)('refuses %s = "%s"', (field, value, message) => {
    const result = checkDraft({ ...draftFrom(current), [field]: value }, current);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[field]).toMatch(message);
  });

  it('uses exactly the schema ranges: every accepted patch passes settings:update', () => {
    for (const field of NUMERIC_SETTINGS) {
      const { min, max } = storedRange(field);
      for (const stored of [min, max]) {
        const draft = draftFrom({ ...current, [field]: stored });
        const checked = checkDraft(draft, { ...current, [field]: stored === min ? max : min });
        expect(checked.ok, `${field} = ${stored} (${describeRange(field)})`).toBe(true);
        if (checked.ok)
          expect(requestSchemas['settings:update'].safeParse({ transfers: checked.patch }).success).toBe(true);
      }
    }
  });
});

function upload(i: number): IncompleteUpload {
  return { key: `k${i}`, uploadId: `u${i}`, initiated: null, initiator: null, storageClass: null };
}

/** The tool's two channels, faked: pages of `pageSize`, aborts recorded. */
function fakeApi(total: number, pageSize: number, failCall?: number) {
  const aborted: { key: string; uploadId: string }[][] = [];
  const listed: (string | null)[] = [];
  const api = new FakeAppApi()
    .on('multipart:list', ({ continuationToken }) => {
      const token = continuationToken ?? null;
      listed.push(token);
      const from = token === null ? 0 : Number(token);
      const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - from)) }, (_, i) => upload(from + i));
      return ok({ items, nextToken: from + pageSize < total ? String(from + pageSize) : null });
    })
    .on('multipart:abort', ({ uploads }) => {
      aborted.push(uploads);
      if (aborted.length === failCall) return fail('NetworkError', 'offline');
      return ok({
        succeeded: uploads.length - 1,
        failed: [{ key: uploads[0]?.key ?? '', code: 'AccessDenied', message: 'no' }],
      });
    });
  return { api, aborted, listed };
}

describe('incomplete uploads tool', () => {
  const where = { accountId: 'a', bucket: 'b' };

  it('lists the remaining pages after the loaded ones', async () => {
    const { api, listed } = fakeApi(25, 10);
    const first = await api.invoke('multipart:list', { ...where, prefix: '', continuationToken: null });
    if (!first.ok) throw new Error('list failed');
    const all = await listRest(api, where, first.value.items, first.value.nextToken);
    expect(all.ok && all.value.map((u) => u.key)).toEqual(Array.from({ length: 25 }, (_, i) => `k${i}`));
    expect(listed).toEqual([null, '10', '20']);
    expect(api.callsOf('multipart:list').every((r) => r.accountId === 'a' && r.bucket === 'b' && r.prefix === '')).toBe(
      true,
    );
  });

  it('aborts in calls of at most ABORT_PER_CALL and adds up one summary, a failed call counting as failures', async () => {
    const { api, aborted } = fakeApi(0, 10, 2);
    const uploads = Array.from({ length: ABORT_PER_CALL * 2 + 5 }, (_, i) => upload(i));
    const progress: number[] = [];
    const summary = await abortAll(api, where, uploads, (n) => progress.push(n));
    expect(aborted.map((c) => c.length)).toEqual([ABORT_PER_CALL, ABORT_PER_CALL, 5]);
    expect(api.callsOf('multipart:abort').every((r) => r.accountId === 'a' && r.bucket === 'b')).toBe(true);
    expect(aborted[0]?.[0]).toEqual({ key: 'k0', uploadId: 'u0' });
    expect(progress).toEqual([ABORT_PER_CALL, ABORT_PER_CALL * 2, ABORT_PER_CALL * 2 + 5]);
    expect(summary.succeeded).toBe(ABORT_PER_CALL - 1 + 4);
    expect(summary.failed).toHaveLength(1 + ABORT_PER_CALL + 1);
    expect(summary.failed[1]).toEqual({ key: `k${ABORT_PER_CALL}`, code: 'NetworkError', message: 'offline' });
  });

  it('tells apart two uploads of the same key', () => {
    expect(uploadRef({ key: 'a', uploadId: '1' })).not.toBe(uploadRef({ key: 'a', uploadId: '2' }));
  });
});
