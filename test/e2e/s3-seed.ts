/**
 * Puts test data straight into the S3 server with the SDK (not through the app), and
 * removes what a test created. Checksums "when required": radosgw 16 refuses aws-chunked.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import type { S3ServerInfo } from '../servers/s3-server';
import { testSdkClient } from '../servers/s3-target';

export class S3Seed {
  readonly client: S3Client;
  private readonly buckets = new Set<string>();

  constructor(readonly server: S3ServerInfo) {
    this.client = testSdkClient(server);
  }

  /** A bucket name no other test run uses. */
  uniqueName(prefix = 'e2e'): string {
    return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  }

  /** Registers a bucket the app created, so cleanup removes it too. */
  track(bucket: string): void {
    this.buckets.add(bucket);
  }

  async bucket(name = this.uniqueName(), objects: Record<string, string> = {}): Promise<string> {
    await this.client.send(new CreateBucketCommand({ Bucket: name }));
    this.buckets.add(name);
    for (const [key, body] of Object.entries(objects)) {
      await this.client.send(new PutObjectCommand({ Bucket: name, Key: key, Body: body }));
    }
    return name;
  }

  async keys(bucket: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys.sort();
  }

  async exists(bucket: string, key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch {
      return false;
    }
  }

  /** Every version and delete marker (an unversioned object is its "null" version). */
  async versions(bucket: string): Promise<{ Key: string; VersionId: string }[]> {
    const all: { Key: string; VersionId: string }[] = [];
    let markers: { KeyMarker?: string | undefined; VersionIdMarker?: string | undefined } = {};
    for (;;) {
      const page = await this.client.send(new ListObjectVersionsCommand({ Bucket: bucket, ...markers }));
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])])
        if (v.Key !== undefined) all.push({ Key: v.Key, VersionId: v.VersionId ?? 'null' });
      if (!page.IsTruncated) return all;
      markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
    }
  }

  /** Deletes every tracked bucket with all its versions; errors for already-gone buckets are ignored. */
  async cleanup(): Promise<void> {
    for (const bucket of this.buckets) {
      try {
        const versions = await this.versions(bucket);
        for (let i = 0; i < versions.length; i += 1000) {
          const batch = versions.slice(i, i + 1000);
          await this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }));
        }
        await this.client.send(new DeleteBucketCommand({ Bucket: bucket }));
      } catch {
        // already deleted by the test, or never created
      }
    }
    this.buckets.clear();
    this.client.destroy();
  }
}
