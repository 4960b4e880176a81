/** What every S3 provider method works with: the account, its cached clients and its tuning. */
import type { S3Client } from '@aws-sdk/client-s3';
import { MiB } from '../../../../shared/transfers';
import type { AccountRecord } from '../../account-store';

const GiB = 1024 * MiB;

export interface CopyTuning {
  /** Objects of this size or more are copied in parts (S3 refuses CopyObject above 5 GiB). */
  multipartThreshold: number;
  /** Smallest part; grown for huge objects so no copy needs more than 10,000 parts. */
  partSize: number;
  /** Copies in flight at once. */
  concurrency: number;
}

export const DEFAULT_COPY_TUNING: CopyTuning = { multipartThreshold: 5 * GiB, partSize: 512 * MiB, concurrency: 8 };

export interface S3Account {
  readonly account: AccountRecord;
  /** The account's cached client, addressed for the bucket (path style for dotted names). */
  client(bucket?: string): Promise<S3Client>;
  /** Where a server-side copy switches to a multipart copy (tests lower it). */
  readonly copyTuning: CopyTuning;
  /** Tokens of the account's bucket listing in progress: a repeated one ends the walk. */
  readonly bucketTokens: Set<string>;
}
