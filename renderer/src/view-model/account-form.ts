/**
 * The account form's model: defaults per kind, validation with the same schema the core
 * enforces (so messages match), and mapping of a core InvalidRequest onto its field.
 * The secret lives only in the form's own state and in the request; never in the store.
 */
import type { AppError, Result } from '../../../shared/errors';
import {
  QSTORAGE_DEFAULTS,
  type AccountSummary,
  type AddressingStyle,
  type ChecksumMode,
  type ConnectionTestResult,
} from '../../../shared/models';
import { accountInputSchema, type AccountInput, type AccountPatch } from '../../../shared/schemas';
import { plural } from './format';

export type EditableKind = 'qstorage' | 's3';

export interface AccountFormValues {
  kind: EditableKind;
  name: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  addressingStyle: AddressingStyle;
  checksumMode: ChecksumMode;
}

export type AccountField = keyof AccountFormValues;
export type FieldErrors = Partial<Record<AccountField, string>>;

const FIELDS: readonly AccountField[] = [
  'kind',
  'name',
  'endpoint',
  'region',
  'accessKeyId',
  'secretAccessKey',
  'addressingStyle',
  'checksumMode',
];

export function emptyAccountForm(kind: EditableKind = 'qstorage'): AccountFormValues {
  const base = {
    name: '',
    accessKeyId: '',
    secretAccessKey: '',
    addressingStyle: QSTORAGE_DEFAULTS.addressingStyle,
    checksumMode: QSTORAGE_DEFAULTS.checksumMode,
  } as const;
  return kind === 'qstorage'
    ? { ...base, kind, endpoint: QSTORAGE_DEFAULTS.endpoint, region: QSTORAGE_DEFAULTS.region }
    : { ...base, kind, endpoint: '', region: '' };
}

/** Editing starts from the saved values; the secret field always starts empty. */
export function formFromAccount(account: AccountSummary): AccountFormValues {
  return {
    kind: account.kind === 's3' ? 's3' : 'qstorage',
    name: account.name,
    endpoint: account.endpoint,
    region: account.region,
    accessKeyId: account.accessKeyId,
    secretAccessKey: '',
    addressingStyle: account.addressingStyle,
    checksumMode: account.checksumMode,
  };
}

/**
 * Switching kind fills QStorage's endpoint and region when they are empty, and clears them
 * again when leaving QStorage if they still hold its defaults: typed values are kept.
 */
export function changeKind(values: AccountFormValues, kind: EditableKind): AccountFormValues {
  if (kind === values.kind) return values;
  if (kind === 'qstorage') {
    return {
      ...values,
      kind,
      endpoint: values.endpoint.trim() === '' ? QSTORAGE_DEFAULTS.endpoint : values.endpoint,
      region: values.region.trim() === '' ? QSTORAGE_DEFAULTS.region : values.region,
    };
  }
  return {
    ...values,
    kind,
    endpoint: values.endpoint === QSTORAGE_DEFAULTS.endpoint ? '' : values.endpoint,
    region: values.region === QSTORAGE_DEFAULTS.region ? '' : values.region,
  };
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const withoutSecret = accountInputSchema.omit({ secretAccessKey: true });

function collect(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (FIELDS as readonly string[]).includes(field)) {
      errors[field as AccountField] ??= issue.message;
    }
  }
  return errors;
}

/** A new account: every field including the secret. */
export function validateNewAccount(values: AccountFormValues): Validation<AccountInput> {
  const parsed = accountInputSchema.safeParse(values);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: collect(parsed.error.issues) };
}

/** An edit: same rules, but an empty secret means "keep the stored one". */
export function validateAccountPatch(values: AccountFormValues): Validation<AccountPatch> {
  const { secretAccessKey, ...rest } = values;
  const parsed = withoutSecret.safeParse(rest);
  if (!parsed.success) return { ok: false, errors: collect(parsed.error.issues) };
  return { ok: true, value: secretAccessKey === '' ? parsed.data : { ...parsed.data, secretAccessKey } };
}

/**
 * The core's InvalidRequest messages end with the failing path, e.g.
 * "Enter the access key ID. (account.accessKeyId)": put the sentence under that field.
 */
export function fieldErrorFromAppError(error: AppError): { field: AccountField | null; message: string } {
  const match = /^(.*?)\s*\(([\w.]+)\)$/.exec(error.message);
  if (error.code !== 'InvalidRequest' || match === null)
    return { field: null, message: `${error.message} (${error.code})` };
  const last = (match[2] ?? '').split('.').pop() ?? '';
  const field = (FIELDS as readonly string[]).includes(last) ? (last as AccountField) : null;
  return { field, message: match[1] ?? error.message };
}

/** "Connected: 3 buckets, 123 ms", or the error's own message and code. */
export function describeTestResult(result: Result<ConnectionTestResult>): string {
  if (result.ok)
    return `Connected: ${plural(result.value.bucketCount, 'bucket')}, ${Math.round(result.value.latencyMs)} ms`;
  return `${result.error.message} (${result.error.code})`;
}
