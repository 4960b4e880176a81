/**
 * The account form's model: defaults per kind, validation with the same schema the core
 * enforces (so messages match), and mapping of a core InvalidRequest onto its field.
 * The secret lives only in the form's own state and in the request; never in the store.
 * A QuickSync account reuses the fields (shared/schemas.ts): API base as endpoint, session id
 * as access key id, session token as the secret; region, addressing and checksums do not apply.
 * Editing never shows the saved key id (only its hint): an empty field keeps it. A stored secret
 * is bound to its endpoint, addressing and key id (shared/account-binding.ts): changing one asks
 * for the secret again, as the core will.
 */
import { bindingChanges, quickSyncApiBaseProblem, secretBinding } from '../../../shared/account-binding';
import type { AppError, Result } from '../../../shared/errors';
import {
  QSTORAGE_DEFAULTS,
  type AccountKind,
  type AccountSummary,
  type AddressingStyle,
  type ChecksumMode,
  type ConnectionTestResult,
} from '../../../shared/models';
import { QUICKSYNC_DEFAULT_API } from '../../../shared/quicksync';
import { accountInputSchema, accountPatchSchema, type AccountInput, type AccountPatch } from '../../../shared/schemas';
import { i18n } from '../i18n';

export type EditableKind = 'qstorage' | 's3' | 'quicksync';

export interface AccountFormValues {
  kind: EditableKind;
  name: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  addressingStyle: AddressingStyle;
  checksumMode: ChecksumMode;
  /** QuickSync: encrypt uploaded names with the session id, for QS Share. */
  encryptNames: boolean;
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
  'encryptNames',
];

/** What an empty endpoint and region start as for each kind. */
const DEFAULT_ENDPOINT: Record<EditableKind, string> = {
  qstorage: QSTORAGE_DEFAULTS.endpoint,
  s3: '',
  quicksync: QUICKSYNC_DEFAULT_API,
};
const DEFAULT_REGION: Record<EditableKind, string> = { qstorage: QSTORAGE_DEFAULTS.region, s3: '', quicksync: '' };

export interface FieldLabels {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The fields carry the names the service uses for them. */
export function fieldLabels(kind: EditableKind): FieldLabels {
  const words = kind === 'quicksync' ? 'quicksync' : 's3';
  return {
    endpoint: i18n.t(`accounts:field.${words}.endpoint`),
    accessKeyId: i18n.t(`accounts:field.${words}.accessKeyId`),
    secretAccessKey: i18n.t(`accounts:field.${words}.secretAccessKey`),
  };
}

/** The schema speaks S3; a QuickSync form says the same in its own words. */
const QUICKSYNC_MESSAGES: Partial<Record<AccountField, () => string>> = {
  endpoint: () => i18n.t('accounts:quicksyncProblem.endpoint', { example: QUICKSYNC_DEFAULT_API }),
  accessKeyId: () => i18n.t('accounts:quicksyncProblem.accessKeyId'),
  secretAccessKey: () => i18n.t('accounts:quicksyncProblem.secretAccessKey'),
};

/** A message that already speaks of the API base or the session is kept as it is. */
const inWords = (kind: EditableKind | undefined, field: AccountField, message: string): string =>
  (kind === 'quicksync' && !/API base|session/.test(message) ? QUICKSYNC_MESSAGES[field]?.() : undefined) ?? message;

export function emptyAccountForm(kind: EditableKind = 'qstorage'): AccountFormValues {
  return {
    kind,
    name: '',
    endpoint: DEFAULT_ENDPOINT[kind],
    region: DEFAULT_REGION[kind],
    accessKeyId: '',
    secretAccessKey: '',
    addressingStyle: QSTORAGE_DEFAULTS.addressingStyle,
    checksumMode: QSTORAGE_DEFAULTS.checksumMode,
    encryptNames: false,
  };
}

/** Editing starts from the saved values; the key id (only its hint is known) and the secret start empty. */
export function formFromAccount(account: AccountSummary): AccountFormValues {
  return {
    kind: account.kind === 'sandbox' ? 'qstorage' : account.kind,
    name: account.name,
    endpoint: account.endpoint,
    region: account.region,
    accessKeyId: '',
    secretAccessKey: '',
    addressingStyle: account.addressingStyle,
    checksumMode: account.checksumMode,
    encryptNames: account.encryptNames,
  };
}

/**
 * Switching kind swaps an empty endpoint and region, or ones still holding the old kind's
 * defaults, for the new kind's defaults: typed values are kept.
 */
export function changeKind(values: AccountFormValues, kind: EditableKind): AccountFormValues {
  if (kind === values.kind) return values;
  const swap = (value: string, defaults: Record<EditableKind, string>): string =>
    value.trim() === '' || value === defaults[values.kind] ? defaults[kind] : value;
  return {
    ...values,
    kind,
    endpoint: swap(values.endpoint, DEFAULT_ENDPOINT),
    region: swap(values.region, DEFAULT_REGION),
  };
}

/** Hidden fields send what applies to the kind: nothing S3-only for QuickSync, no name encryption for S3. */
function applicable(values: AccountFormValues): AccountFormValues {
  return values.kind === 'quicksync'
    ? {
        ...values,
        region: '',
        addressingStyle: QSTORAGE_DEFAULTS.addressingStyle,
        checksumMode: QSTORAGE_DEFAULTS.checksumMode,
      }
    : { ...values, encryptNames: false };
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function collect(
  kind: EditableKind,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (FIELDS as readonly string[]).includes(field)) {
      errors[field as AccountField] ??= inWords(kind, field as AccountField, issue.message);
    }
  }
  return errors;
}

/** A new account: every field including the secret. */
export function validateNewAccount(values: AccountFormValues): Validation<AccountInput> {
  const parsed = accountInputSchema.safeParse(applicable(values));
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: collect(values.kind, parsed.error.issues) };
}

/**
 * Why the secret must be entered again, or null: the endpoint (API base), the addressing style
 * or the key id differs from the saved account's, and a stored secret goes only where it was
 * entered for.
 */
export function secretRequiredReason(account: AccountSummary, values: AccountFormValues): string | null {
  // The saved key id is not known here (only its hint): any typed one counts as a change.
  const saved = secretBinding({ ...account, accessKeyId: '' });
  const now = secretBinding({ ...values, kind: account.kind });
  const [change] = bindingChanges(saved, now);
  const words = saved.kind === 'quicksync' ? 'quicksync' : 's3';
  switch (change?.field) {
    case 'origin':
    case 'addressingStyle':
    case 'accessKeyId':
      return i18n.t(`accounts:secretAgain.${words}.${change.field}`);
    default:
      return null;
  }
}

/**
 * An edit: the same rules, but an empty key id or secret means "keep the stored one", unless a
 * change of endpoint, addressing or key id needs the secret again. The kind is never sent: it
 * cannot change.
 */
export function validateAccountPatch(values: AccountFormValues, account: AccountSummary): Validation<AccountPatch> {
  const { kind, secretAccessKey, accessKeyId, ...rest } = applicable(values);
  const parsed = accountPatchSchema.safeParse({
    ...rest,
    ...(accessKeyId.trim() !== '' && { accessKeyId }),
    ...(secretAccessKey !== '' && { secretAccessKey }),
  });
  const errors = parsed.success ? {} : collect(kind, parsed.error.issues);
  const apiBase = kind === 'quicksync' ? quickSyncApiBaseProblem(values.endpoint) : null;
  if (apiBase !== null) errors.endpoint ??= apiBase;
  const reason = secretAccessKey === '' ? secretRequiredReason(account, values) : null;
  if (reason !== null) errors.secretAccessKey = reason;
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, value: parsed.data } : { ok: false, errors };
}

/**
 * The core's InvalidRequest messages end with the failing path, e.g.
 * "Enter the access key ID. (account.accessKeyId)": put the sentence under that field. A
 * SecretRequired refusal belongs under the secret field.
 */
export function fieldErrorFromAppError(
  error: AppError,
  kind?: EditableKind,
): { field: AccountField | null; message: string } {
  if (error.code === 'SecretRequired') return { field: 'secretAccessKey', message: error.message };
  const match = /^(.*?)\s*\(([\w.]+)\)$/.exec(error.message);
  if (error.code !== 'InvalidRequest' || match === null)
    return { field: null, message: `${error.message} (${error.code})` };
  const last = (match[2] ?? '').split('.').pop() ?? '';
  const field = (FIELDS as readonly string[]).includes(last) ? (last as AccountField) : null;
  const message = match[1] ?? error.message;
  return { field, message: field === null ? message : inWords(kind, field, message) };
}

/**
 * "Connected: 3 buckets, 123 ms" (a QuickSync session has no buckets: its token is what was
 * checked), or the error's own message and code, such as an expired session's.
 */
export function describeTestResult(result: Result<ConnectionTestResult>, kind?: AccountKind): string {
  if (!result.ok) return `${result.error.message} (${result.error.code})`;
  const ms = Math.round(result.value.latencyMs);
  if (kind === 'quicksync') return i18n.t('accounts:test.quicksyncOk', { ms });
  return i18n.t('accounts:test.ok', { count: result.value.bucketCount, ms });
}
