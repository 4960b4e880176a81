/**
 * Default bucket encryption and website hosting against the real server, with aws-cli.
 * radosgw 16 has no bucket encryption (SSE-S3 came in Ceph 17): it answers GET ?encryption with
 * the bucket listing, PUT with InvalidArgument, and would take DELETE ?encryption for DeleteBucket.
 * The app must say "not supported" for all three and never send that DELETE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, type AwsCli } from './aws-cli';
import { startHarness, type Harness } from './core-harness';
import { propertiesTarget } from './properties-helpers';

const { s3, title } = propertiesTarget();

describe.skipIf(!s3)(title('properties: default encryption and website hosting (core and aws-cli)'), () => {
  let h: Harness;
  let cli: AwsCli;
  let bucket: string;

  beforeAll(async () => {
    h = await startHarness(s3!);
    cli = awsCli(s3!);
    bucket = await h.newBucket('enc-web');
  });
  afterAll(async () => {
    await h?.dispose();
  });

  // Other servers' answers for a service that has bucket encryption are covered by test/unit/core-properties-answers.test.ts.
  it.runIf(s3?.kind === 'radosgw')(
    'radosgw 16: default encryption is reported as not supported, and removing it never deletes the bucket',
    async () => {
      const base = { accountId: h.accountId, bucket };
      const notSupported = {
        code: 'NotSupported',
        message: 'This service does not support default bucket encryption (it answered a different request).',
      };
      // What the server answers, seen by aws-cli: PUT is refused, GET returns no rule.
      await cli.s3apiFails(
        'put-bucket-encryption',
        '--bucket',
        bucket,
        '--server-side-encryption-configuration',
        JSON.stringify({ Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] }),
      );
      expect(await cli.s3api('get-bucket-encryption', '--bucket', bucket)).toEqual({
        ServerSideEncryptionConfiguration: {},
      });

      expect(await h.fail('encryption:getBucket', base)).toMatchObject(notSupported);
      expect(
        await h.fail('encryption:putBucket', { ...base, encryption: { algorithm: 'AES256', kmsKeyId: null } }),
      ).toMatchObject(notSupported);
      // An empty bucket: a DELETE ?encryption here would have deleted it.
      expect(await h.fail('encryption:putBucket', { ...base, encryption: null })).toMatchObject(notSupported);
      await cli.s3api('head-bucket', '--bucket', bucket);
    },
  );

  it('website: off reads as null; set by the core, read by aws-cli; set by aws-cli, read by the core; off', async () => {
    const base = { accountId: h.accountId, bucket };
    const publicUrl = `${s3!.endpoint}/${bucket}/`; // the test account is path style
    expect(await h.call('website:get', base)).toEqual({ config: null, publicUrl });
    // Turning off what is off is a no-op.
    expect(await h.call('website:put', { ...base, config: null })).toEqual({ config: null, publicUrl });

    expect(
      await h.call('website:put', {
        ...base,
        config: { indexDocument: 'index.html', errorDocument: 'errors/404.html' },
      }),
    ).toEqual({ config: { indexDocument: 'index.html', errorDocument: 'errors/404.html' }, publicUrl });
    expect(await cli.s3api('get-bucket-website', '--bucket', bucket)).toEqual({
      IndexDocument: { Suffix: 'index.html' },
      ErrorDocument: { Key: 'errors/404.html' },
    });

    await cli.s3api(
      'put-bucket-website',
      '--bucket',
      bucket,
      '--website-configuration',
      JSON.stringify({ IndexDocument: { Suffix: 'home.htm' } }),
    );
    expect(await h.call('website:get', base)).toEqual({
      config: { indexDocument: 'home.htm', errorDocument: null },
      publicUrl,
    });

    expect(await h.call('website:put', { ...base, config: null })).toEqual({ config: null, publicUrl });
    await cli.s3apiFails('get-bucket-website', '--bucket', bucket);
    await cli.s3api('head-bucket', '--bucket', bucket);

    expect(
      await h.fail('website:put', { ...base, config: { indexDocument: 'pages/index.html', errorDocument: null } }),
    ).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(/without a slash/) });
  });
});
