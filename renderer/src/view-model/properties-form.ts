/**
 * The details pane's Edit form: content headers, user metadata rows and storage class, as
 * typed, turned into an objects:updateProperties request once the shared rules find no problem.
 */
import type { ObjectDetails } from '../../../shared/models';
import { STORAGE_CLASSES, type ContentHeaders } from '../../../shared/properties';
import { contentHeadersRule, metadataRule } from '../../../shared/property-rules';
import { i18n } from '../i18n';
import { ruleText } from '../i18n/rules';

export type HeaderField = keyof ContentHeaders;

export const HEADER_FIELDS: readonly { field: HeaderField; label: string; placeholder: string }[] = [
  { field: 'contentType', label: 'Content-Type', placeholder: 'application/octet-stream' },
  { field: 'cacheControl', label: 'Cache-Control', placeholder: 'max-age=3600' },
  { field: 'contentDisposition', label: 'Content-Disposition', placeholder: 'attachment; filename="report.pdf"' },
  { field: 'contentEncoding', label: 'Content-Encoding', placeholder: 'gzip' },
  { field: 'contentLanguage', label: 'Content-Language', placeholder: 'en' },
  { field: 'expires', label: 'Expires', placeholder: '2027-01-31T12:00:00Z' },
];

export interface MetadataRow {
  /** Stable identity for the row while names are typed. */
  id: number;
  name: string;
  value: string;
}

export interface PropertiesForm {
  headers: Record<HeaderField, string>;
  metadata: MetadataRow[];
  /** '' keeps the current storage class. */
  storageClass: string;
}

export interface PropertiesChange {
  headers: ContentHeaders;
  metadata: Record<string, string>;
  storageClass: string | null;
}

let nextRowId = 1;

export function metadataRow(name = '', value = ''): MetadataRow {
  return { id: nextRowId++, name, value };
}

export function formFromDetails(d: ObjectDetails): PropertiesForm {
  return {
    headers: {
      contentType: d.contentType ?? '',
      cacheControl: d.cacheControl ?? '',
      contentDisposition: d.contentDisposition ?? '',
      contentEncoding: d.contentEncoding ?? '',
      contentLanguage: d.contentLanguage ?? '',
      expires: d.expires ?? '',
    },
    metadata: Object.entries(d.metadata).map(([name, value]) => metadataRow(name, value)),
    storageClass: '',
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** Rows left entirely blank are ignored (an "Add" the person did not use). */
const filledRows = (rows: readonly MetadataRow[]): MetadataRow[] =>
  rows.filter((r) => r.name.trim() !== '' || r.value !== '');

export function formHeaders(form: PropertiesForm): ContentHeaders {
  const h = form.headers;
  return {
    contentType: orNull(h.contentType),
    cacheControl: orNull(h.cacheControl),
    contentDisposition: orNull(h.contentDisposition),
    contentEncoding: orNull(h.contentEncoding),
    contentLanguage: orNull(h.contentLanguage),
    expires: orNull(h.expires),
  };
}

/** Problem with the metadata rows, or null; exact repeats are caught here (a record cannot hold them). */
export function metadataRowsProblem(rows: readonly MetadataRow[]): string | null {
  const names = new Set<string>();
  const record: Record<string, string> = {};
  for (const row of filledRows(rows)) {
    const name = row.name.trim();
    if (names.has(name)) return i18n.t('properties:edit.metadataTwice', { name });
    names.add(name);
    record[name] = row.value;
  }
  return ruleText(metadataRule(record));
}

const NO_HEADERS: ContentHeaders = {
  contentType: null,
  cacheControl: null,
  contentDisposition: null,
  contentEncoding: null,
  contentLanguage: null,
  expires: null,
};

/** The problem with one header field alone, to show next to that field. */
export function headerProblem(form: PropertiesForm, field: HeaderField): string | null {
  return ruleText(contentHeadersRule({ ...NO_HEADERS, [field]: formHeaders(form)[field] }));
}

export function formProblems(form: PropertiesForm): { headers: string | null; metadata: string | null } {
  return { headers: ruleText(contentHeadersRule(formHeaders(form))), metadata: metadataRowsProblem(form.metadata) };
}

/** The change to send, or null while a problem remains. */
export function formChange(form: PropertiesForm): PropertiesChange | null {
  const problems = formProblems(form);
  if (problems.headers !== null || problems.metadata !== null) return null;
  return {
    headers: formHeaders(form),
    metadata: Object.fromEntries(filledRows(form.metadata).map((r) => [r.name.trim(), r.value])),
    storageClass: form.storageClass === '' ? null : form.storageClass,
  };
}

/** The storage classes offered: the usual ones, and the object's own when the service named another. */
export function storageClassOptions(current: string | null): string[] {
  const known: string[] = [...STORAGE_CLASSES];
  return current !== null && !known.includes(current) ? [...known, current] : known;
}
