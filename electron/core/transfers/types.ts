/**
 * What the queue keeps per job and per batch, in memory and in the journal. Nothing here may
 * ever hold a credential: tasks get theirs resolved at the moment they start.
 */
import type { UploadObjectOptions } from '../../../shared/properties';
import type { Checkpoint } from '../../../shared/transfer-protocol';
import type {
  ConflictChoice,
  ConflictPolicy,
  ConflictQuestion,
  TransferDirection,
  TransferJobView,
} from '../../../shared/transfers';
import type { RunningTask } from './engine';
import type { SpeedMeter } from './speed';

/** The job as the panel shows it, minus what is computed live (speed, ETA, retry), plus the queue's own state. */
export interface JobRecord extends Omit<TransferJobView, 'speed' | 'etaSeconds' | 'retry'> {
  /** Browser-held uploads: bytes still to arrive, stored in the staging folder, or lost. */
  stage: 'waiting' | 'ready' | 'gone' | null;
  /** Downloads: what the listing said about the object. */
  expected: { size: number | null; etag: string | null } | null;
  /** The answer to this job's conflict, when it had one. */
  decision: ConflictChoice | null;
  /** The target that exists, while the job waits for an answer. */
  existing: ConflictQuestion['existing'] | null;
  checkpoint: Checkpoint | null;
  /**
   * Uploads: tags, ACL, encryption and storage class chosen for them; null when none (or a
   * download). Kept with the job so a resume after a restart uploads the same way.
   */
  uploadOptions: UploadObjectOptions | null;
  /**
   * Uploads: a new multipart upload records the whole file's MD5 (UploadTask.wholeFileMd5). Jobs
   * journaled before this field existed have none: read as false.
   */
  wholeFileMd5: boolean;
}

/** A top-level item of a batch, for its label ("Folder photos" or "3 files to …"). */
export interface BatchRoot {
  name: string;
  folder: boolean;
}

export interface BatchRecord {
  id: string;
  direction: TransferDirection;
  accountId: string;
  bucket: string;
  /** Where things go, for the label: "bucket/prefix" for uploads, the local folder for downloads. */
  place: string;
  /** Current policy; an answer "for the rest of the batch" replaces "ask". */
  conflict: ConflictPolicy;
  /** Downloads: the folder the person chose; nothing is written outside it. */
  targetDir: string | null;
  /** The first two top-level items (enough to tell one folder from several things). */
  roots: BatchRoot[];
  createdAt: string;
}

/** What a running job holds in memory only, from its start until it settles. */
export interface Runtime {
  /** Null until the engine runs it (while pre-flight checks run). */
  task: RunningTask | null;
  intent: 'pause' | 'cancel' | null;
  /** Resumed while its pause was taking effect: queue it again once stopped. */
  requeue: boolean;
  meter: SpeedMeter;
  retry: TransferJobView['retry'];
}
