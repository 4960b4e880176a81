/**
 * A bucket's default encryption. "No configuration" reads as null. radosgw 16 has no bucket
 * encryption at all: it answers GET ?encryption with the bucket listing, refuses PUT with
 * InvalidArgument, and takes DELETE ?encryption for DeleteBucket; so an answer without a rule
 * means NotSupported, and nothing is deleted that was not read first.
 */
import {
  DeleteBucketEncryptionCommand,
  GetBucketEncryptionCommand,
  PutBucketEncryptionCommand,
  type S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import type { Encryption, SseAlgorithm } from '../../../../shared/properties';
import { CoreError } from '../../errors';
import { ignoredSubresource, orIfAbsent, withCode } from './service-answers';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';

const NO_ENCRYPTION = withCode('ServerSideEncryptionConfigurationNotFoundError');
const WHAT = 'default bucket encryption';

export async function getBucketEncryption(client: S3Client, bucket: string): Promise<Encryption | null> {
  const out = await orIfAbsent(client.send(new GetBucketEncryptionCommand({ Bucket: bucket })), NO_ENCRYPTION, null);
  if (out === null) return null;
  const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  if (!rule?.SSEAlgorithm) throw ignoredSubresource(WHAT);
  // QStorage answers its own algorithms (verenc): passed on as they come.
  return { algorithm: rule.SSEAlgorithm as SseAlgorithm, kmsKeyId: rule.KMSMasterKeyID ?? null };
}

/** Sets the default encryption, or removes it (null); answers what the service then reports. */
export async function putBucketEncryption(
  client: S3Client,
  bucket: string,
  encryption: Encryption | null,
): Promise<Encryption | null> {
  if (encryption === null) {
    if ((await getBucketEncryption(client, bucket)) === null) return null;
    await client.send(new DeleteBucketEncryptionCommand({ Bucket: bucket }));
    return getBucketEncryption(client, bucket);
  }
  try {
    await client.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: encryption.algorithm as ServerSideEncryption,
                ...(encryption.kmsKeyId !== null && { KMSMasterKeyID: encryption.kmsKeyId }),
              },
            },
          ],
        },
      }),
    );
  } catch (error) {
    // A service without bucket encryption refuses with some generic error: say what is missing instead.
    const probe = await getBucketEncryption(client, bucket).then(
      () => null,
      (e: unknown) => e,
    );
    throw probe instanceof CoreError && probe.code === 'NotSupported' ? probe : error;
  }
  return getBucketEncryption(client, bucket);
}

export const encryptionMethods = (s3: S3Account): MethodsOf<'encryption:getBucket' | 'encryption:putBucket'> => ({
  getBucketEncryption: async ({ bucket }) => getBucketEncryption(await s3.client(bucket), bucket),
  putBucketEncryption: async ({ bucket, encryption }) =>
    putBucketEncryption(await s3.client(bucket), bucket, encryption),
});
