/**
 * Compare by content (sync-semantics rule 4): whether a local file's bytes are an object's,
 * from its ETag. A single-part ETag is the MD5 of the bytes. A multipart ETag "<hex>-N" is the
 * MD5 of the parts' MD5s, so the file is cut the way the object was: with the part size the
 * service tells (HEAD partNumber=1), or checked against a whole-file MD5 the uploader stored
 * (rclone), or, when nothing tells, with the part sizes common tools use. The file is read
 * once whatever is tried: every hash is fed from the same chunks.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { MiB } from '../../../shared/transfers';
import { toAppError } from '../errors';
import type { PartLayout, ProviderTransfers } from '../transfers/provider-transfers';
import type { LocalFile, RemoteObject } from './types';

export interface ContentCompareOptions {
  signal: AbortSignal;
  /** Bytes read since the last call. */
  onHashed?: (bytes: number) => void;
}

/** aws s3 and this app cut 8 MiB parts, rclone 5 MiB, some tools 16 MiB. */
const USUAL_PART_SIZES = [8 * MiB, 5 * MiB, 16 * MiB];
const SINGLE = /^[0-9a-f]{32}$/i;
const MULTIPART = /^[0-9a-f]{32}-(\d+)$/i;
const READ_CHUNK = MiB;
const NOTHING_TOLD: PartLayout = { partSize: null, partsCount: null, md5: null };

/** What to compute in the one read: the whole file's MD5, and/or multipart ETags per part size. */
interface HashPlan {
  whole: boolean;
  partSizes: number[];
}

/**
 * A comparer for one comparison. A file that cannot be read (gone, no permission) and an object
 * gone since the listing are judged different: the transfer then says why, where it is seen.
 * Other failures (the service unreachable, the comparison cancelled) reject.
 */
export function contentComparer(
  transfers: ProviderTransfers,
  bucket: string,
  options: ContentCompareOptions,
): (local: LocalFile, remote: RemoteObject) => Promise<boolean> {
  const { signal, onHashed } = options;
  return async (local, remote) => {
    if (local.size !== remote.size) return false;
    const etag = remote.etag?.toLowerCase() ?? null;
    if (etag === null) return true;
    if (SINGLE.test(etag)) {
      const hashed = await hashFile(local.absolute, { whole: true, partSizes: [] }, signal, onHashed);
      return hashed?.whole === etag;
    }
    const parts = Number(MULTIPART.exec(etag)?.[1] ?? 0);
    if (parts === 0) return false; // not an MD5 at all (encrypted with a key the service keeps, say)
    // One part is the whole file, whatever part size was used: nothing to ask.
    const layout = parts === 1 ? NOTHING_TOLD : await layoutOf(transfers, bucket, remote.key, signal);
    if (layout === null) return false;
    const plan = hashPlan(local.size, parts, layout);
    if (plan === null) return false;
    const hashed = await hashFile(local.absolute, plan, signal, onHashed);
    if (hashed === null) return false;
    return (layout.md5 !== null && hashed.whole === layout.md5) || hashed.multipart.includes(etag);
  };
}

/**
 * The object's part layout; null when it is gone since the listing. A refusal about this one
 * object (no HEAD allowed, a customer-key encryption HEAD cannot open) tells nothing, so the
 * usual part sizes are tried; the service failing as a whole fails the comparison.
 */
async function layoutOf(
  transfers: ProviderTransfers,
  bucket: string,
  key: string,
  signal: AbortSignal,
): Promise<PartLayout | null> {
  try {
    return await transfers.partLayout(bucket, key, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    const { code } = toAppError(error);
    if (code === 'NoSuchKey') return null;
    if (code === 'AccessDenied' || code === 'InvalidRequest' || code === 'NotSupported') return NOTHING_TOLD;
    throw error;
  }
}

/** What to hash for a multipart ETag of `parts` parts, or null when nothing could tell. */
function hashPlan(
  size: number,
  parts: number,
  layout: { partSize: number | null; md5: string | null },
): HashPlan | null {
  if (parts === 1) return { whole: false, partSizes: [Math.max(size, 1)] };
  const fits = (ps: number): boolean => ps > 0 && Math.ceil(size / ps) === parts;
  if (layout.partSize !== null && fits(layout.partSize)) {
    return { whole: layout.md5 !== null, partSizes: [layout.partSize] };
  }
  if (layout.md5 !== null) return { whole: true, partSizes: [] };
  const guessed = USUAL_PART_SIZES.filter(fits);
  return guessed.length > 0 ? { whole: false, partSizes: guessed } : null;
}

/** One part size's running state: the MD5 of the part being read, and those of the parts done. */
class PartHasher {
  private current: Hash = createHash('md5');
  private filled = 0;
  private readonly digests: Buffer[] = [];

  constructor(private readonly partSize: number) {}

  update(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0) {
      const take = Math.min(this.partSize - this.filled, rest.length);
      this.current.update(rest.subarray(0, take));
      this.filled += take;
      rest = rest.subarray(take);
      if (this.filled === this.partSize) {
        this.digests.push(this.current.digest());
        this.current = createHash('md5');
        this.filled = 0;
      }
    }
  }

  /** The ETag an upload in parts of this size would have: "<md5 of the part md5s>-<parts>". */
  etag(): string {
    if (this.filled > 0 || this.digests.length === 0) this.digests.push(this.current.digest());
    return `${createHash('md5').update(Buffer.concat(this.digests)).digest('hex')}-${this.digests.length}`;
  }
}

/** Reads the file once, feeding every hash the plan asks for; null when it cannot be read. */
async function hashFile(
  file: string,
  plan: HashPlan,
  signal: AbortSignal,
  onHashed: ((bytes: number) => void) | undefined,
): Promise<{ whole: string | null; multipart: string[] } | null> {
  const whole = plan.whole ? createHash('md5') : null;
  const parts = plan.partSizes.map((ps) => new PartHasher(ps));
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK, signal }) as AsyncIterable<Buffer>) {
      whole?.update(chunk);
      for (const p of parts) p.update(chunk);
      onHashed?.(chunk.length);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
  return { whole: whole?.digest('hex') ?? null, multipart: parts.map((p) => p.etag()) };
}
