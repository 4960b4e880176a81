/**
 * Resume after a pause or a crash: what the checkpoint recorded against what ListParts says
 * the server holds. Only parts proven to hold the right bytes are kept; everything else is sent.
 */
import type { CompletedPart } from '../../shared/transfer-protocol';
import { normalizeEtag } from './md5';
import { partRange, type PartPlan } from './part-plan';

export interface ServerPart {
  partNumber: number;
  etag: string;
  size: number;
}

export interface Reconciled {
  /** Recorded parts the server has with the same ETag and size: never sent again. */
  kept: CompletedPart[];
  /**
   * Server parts the checkpoint does not vouch for (a crash between the part and its checkpoint,
   * or a different ETag): kept only if the local range's MD5 equals the ETag.
   */
  verify: ServerPart[];
}

export function reconcileParts(
  recorded: readonly CompletedPart[],
  server: readonly ServerPart[],
  plan: PartPlan,
  size: number,
): Reconciled {
  const byNumber = new Map(recorded.map((p) => [p.partNumber, p]));
  const kept: CompletedPart[] = [];
  const verify: ServerPart[] = [];
  const seen = new Set<number>();
  for (const part of server) {
    if (part.partNumber < 1 || part.partNumber > plan.count || seen.has(part.partNumber)) continue;
    seen.add(part.partNumber);
    // A part of the wrong size cannot belong to this plan: it is overwritten when sent again.
    if (part.size !== partRange(plan, size, part.partNumber).length) continue;
    const mine = byNumber.get(part.partNumber);
    if (mine && mine.size === part.size && normalizeEtag(mine.etag) === normalizeEtag(part.etag)) kept.push(mine);
    else verify.push(part);
  }
  kept.sort((a, b) => a.partNumber - b.partNumber);
  verify.sort((a, b) => a.partNumber - b.partNumber);
  return { kept, verify };
}
