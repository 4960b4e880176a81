/**
 * The Transfers settings form: fields in the units people think in (MiB, MiB/s, seconds),
 * checked against the very ranges of shared/schemas.ts before anything is sent, so the form
 * and the core cannot disagree about what is allowed.
 */
import { requestSchemas } from '../../../shared/contract';
import { type TransferSettingsPatch } from '../../../shared/schemas';
import { MiB, type TransferSettings } from '../../../shared/transfers';

export type NumericSetting = Exclude<keyof TransferSettings, 'resumeOnStart'>;

export interface FieldSpec {
  label: string;
  unit: string;
  /** Bytes (or ms, or 1) per displayed unit. */
  scale: number;
  /** Whole numbers only in the form (counts); sizes and rates may have decimals. */
  whole: boolean;
  hint?: string;
}

export const FIELD_SPECS: Record<NumericSetting, FieldSpec> = {
  jobsInParallel: { label: 'Transfers at the same time', unit: 'jobs', scale: 1, whole: true },
  partsInParallel: { label: 'Parts per transfer at the same time', unit: 'parts', scale: 1, whole: true },
  uploadBytesPerSecond: { label: 'Upload limit', unit: 'MiB/s', scale: MiB, whole: false, hint: '0 means unlimited' },
  downloadBytesPerSecond: {
    label: 'Download limit',
    unit: 'MiB/s',
    scale: MiB,
    whole: false,
    hint: '0 means unlimited',
  },
  multipartThresholdBytes: {
    label: 'Upload in parts from',
    unit: 'MiB',
    scale: MiB,
    whole: false,
    hint: 'smaller files go in one request',
  },
  partSizeBytes: {
    label: 'Part size',
    unit: 'MiB',
    scale: MiB,
    whole: false,
    hint: 'grown automatically so no upload needs more than 10,000 parts',
  },
  quicksyncPartSizeBytes: {
    label: 'QuickSync part size',
    unit: 'MiB',
    scale: MiB,
    whole: false,
    hint: 'every QuickSync upload goes in parts of this size',
  },
  maxAttempts: { label: 'Attempts per request', unit: 'attempts', scale: 1, whole: true },
  stallTimeoutMs: {
    label: 'Retry a stalled request after',
    unit: 'seconds',
    scale: 1000,
    whole: false,
    hint: 'with no bytes moving',
  },
};

export const NUMERIC_SETTINGS = Object.keys(FIELD_SPECS) as NumericSetting[];

export type SettingsDraft = Record<NumericSetting, string> & { resumeOnStart: boolean };

const schemaFields = requestSchemas['settings:update'].shape.transfers.shape;

/** The schema's bounds for a field, in stored units (bytes, ms, counts). */
export function storedRange(field: NumericSetting): { min: number; max: number } {
  const number = schemaFields[field].unwrap();
  return { min: number.minValue ?? 0, max: number.maxValue ?? Number.MAX_SAFE_INTEGER };
}

const trim = (n: number): string => String(Math.round(n * 1000) / 1000);

/** "between 1 and 16 jobs", in the form's units. */
export function describeRange(field: NumericSetting): string {
  const { min, max } = storedRange(field);
  const spec = FIELD_SPECS[field];
  return `between ${trim(min / spec.scale)} and ${trim(max / spec.scale)} ${spec.unit}`;
}

export function draftFrom(settings: TransferSettings): SettingsDraft {
  const draft = { resumeOnStart: settings.resumeOnStart } as SettingsDraft;
  for (const field of NUMERIC_SETTINGS) draft[field] = trim(settings[field] / FIELD_SPECS[field].scale);
  return draft;
}

export type DraftCheck =
  { ok: true; patch: TransferSettingsPatch } | { ok: false; problems: Partial<Record<NumericSetting, string>> };

/** Converts and validates every field; the patch holds only what differs from `current`. */
export function checkDraft(draft: SettingsDraft, current: TransferSettings): DraftCheck {
  const problems: Partial<Record<NumericSetting, string>> = {};
  const patch: TransferSettingsPatch = {};
  for (const field of NUMERIC_SETTINGS) {
    const spec = FIELD_SPECS[field];
    const text = draft[field].trim().replace(',', '.');
    const shown = Number(text);
    if (text === '' || !Number.isFinite(shown)) {
      problems[field] = `Enter a number ${describeRange(field)}.`;
      continue;
    }
    if (spec.whole && !Number.isInteger(shown)) {
      problems[field] = `Enter a whole number ${describeRange(field)}.`;
      continue;
    }
    const stored = Math.round(shown * spec.scale);
    if (!schemaFields[field].safeParse(stored).success) {
      problems[field] = `Must be ${describeRange(field)}.`;
      continue;
    }
    if (stored !== current[field]) patch[field] = stored;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  if (draft.resumeOnStart !== current.resumeOnStart) patch.resumeOnStart = draft.resumeOnStart;
  return { ok: true, patch };
}
