/**
 * The Transfers settings form: fields in the units people think in (MiB, MiB/s, seconds),
 * checked against the very ranges of shared/schemas.ts before anything is sent, so the form
 * and the core cannot disagree about what is allowed.
 */
import { requestSchemas } from '../../../shared/contract';
import { type TransferSettingsPatch } from '../../../shared/schemas';
import { MiB, type TransferSettings } from '../../../shared/transfers';
import { i18n } from '../i18n';

export type NumericSetting = Exclude<keyof TransferSettings, 'resumeOnStart'>;

/** A field's words are catalogue keys: `settings:transfers.<field>.label` (and `.hint`). */
export interface FieldSpec {
  unit: 'jobs' | 'parts' | 'mibPerSecond' | 'mib' | 'attempts' | 'seconds';
  /** Bytes (or ms, or 1) per displayed unit. */
  scale: number;
  /** Whole numbers only in the form (counts); sizes and rates may have decimals. */
  whole: boolean;
  hint: boolean;
}

export const FIELD_SPECS: Record<NumericSetting, FieldSpec> = {
  jobsInParallel: { unit: 'jobs', scale: 1, whole: true, hint: false },
  partsInParallel: { unit: 'parts', scale: 1, whole: true, hint: false },
  uploadBytesPerSecond: { unit: 'mibPerSecond', scale: MiB, whole: false, hint: true },
  downloadBytesPerSecond: { unit: 'mibPerSecond', scale: MiB, whole: false, hint: true },
  multipartThresholdBytes: { unit: 'mib', scale: MiB, whole: false, hint: true },
  partSizeBytes: { unit: 'mib', scale: MiB, whole: false, hint: true },
  quicksyncPartSizeBytes: { unit: 'mib', scale: MiB, whole: false, hint: true },
  maxAttempts: { unit: 'attempts', scale: 1, whole: true, hint: false },
  stallTimeoutMs: { unit: 'seconds', scale: 1000, whole: false, hint: true },
};

/** "Transfers at the same time (jobs)". */
export const fieldLabel = (field: NumericSetting): string =>
  i18n.t('settings:transfers.labelWithUnit', {
    label: i18n.t(`settings:transfers.${field}.label`),
    unit: i18n.t(`settings:transfers.unit.${FIELD_SPECS[field].unit}`),
  });

/** The hint under a field: what it means (if it needs saying) and its range. */
export const fieldHint = (field: NumericSetting): string =>
  FIELD_SPECS[field].hint
    ? i18n.t('settings:transfers.hintAndRange', {
        hint: i18n.t(`settings:transfers.${field}.hint`),
        range: describeRange(field),
      })
    : describeRange(field);

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
  return i18n.t('settings:transfers.range', {
    min: Number(trim(min / spec.scale)),
    max: Number(trim(max / spec.scale)),
    unit: i18n.t(`settings:transfers.unit.${spec.unit}`),
  });
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
      problems[field] = i18n.t('settings:transfers.enterNumber', { range: describeRange(field) });
      continue;
    }
    if (spec.whole && !Number.isInteger(shown)) {
      problems[field] = i18n.t('settings:transfers.enterWholeNumber', { range: describeRange(field) });
      continue;
    }
    const stored = Math.round(shown * spec.scale);
    if (!schemaFields[field].safeParse(stored).success) {
      problems[field] = i18n.t('settings:transfers.mustBe', { range: describeRange(field) });
      continue;
    }
    if (stored !== current[field]) patch[field] = stored;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  if (draft.resumeOnStart !== current.resumeOnStart) patch.resumeOnStart = draft.resumeOnStart;
  return { ok: true, patch };
}
