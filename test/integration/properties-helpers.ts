/**
 * Shared by the property tests: a suite title and skip rule that need both the S3 server and
 * aws-cli, SHA-256, and the cleanup of versioned and object-locked buckets (every version and
 * delete marker, legal holds off, governance retention bypassed), which the harness cannot do.
 */
import { createHash } from 'node:crypto';
import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  PutObjectLegalHoldCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { awsCliSkipReason } from './aws-cli';
import { s3OrSkip, s3Title, type S3ServerInfo } from './s3-context';

/** The server, or null when the suite is skipped (no server, or no aws-cli outside CI). */
export function propertiesTarget(): { s3: S3ServerInfo | null; title: (name: string) => string } {
  const s3 = s3OrSkip();
  const cliMissing = awsCliSkipReason();
  return {
    s3: cliMissing === null ? s3 : null,
    title: (name) => (cliMissing === null ? s3Title(name) : `${name} (skipped: ${cliMissing})`),
  };
}

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Deletes every version and delete marker (lifting legal holds, bypassing governance), then the bucket. */
export async function destroyVersionedBucket(sdk: S3Client, bucket: string): Promise<void> {
  for (;;) {
    // Always from the start: what was deleted is gone, what failed is dealt with one by one.
    const out = await sdk.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const entries = [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])].flatMap(({ Key, VersionId }) =>
      Key === undefined ? [] : [{ Key, VersionId }],
    );
    if (entries.length === 0) break;
    const result = await sdk.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: entries, Quiet: true },
        BypassGovernanceRetention: true,
      }),
    );
    for (const { Key, VersionId } of result.Errors ?? []) {
      if (Key === undefined) continue;
      await sdk.send(new PutObjectLegalHoldCommand({ Bucket: bucket, Key, VersionId, LegalHold: { Status: 'OFF' } }));
      await sdk.send(new DeleteObjectCommand({ Bucket: bucket, Key, VersionId, BypassGovernanceRetention: true }));
    }
  }
  await sdk.send(new DeleteBucketCommand({ Bucket: bucket }));
}
