import { windowsReservedName } from '../../shared/local-names';

/**
 * `Content-Disposition: attachment` with an ASCII fallback and the exact UTF-8 name in
 * `filename*` (RFC 6266 / RFC 5987), so any key's name survives the download; only what no
 * system can take changes: separators, control characters, and a Windows device name
 * (shared/local-names, as for every other local name) gets a "_" in front.
 */
export function contentDisposition(name: string): string {
  const cleaned = [...name].map((c) => (isControl(c) || c === '/' || c === '\\' ? '_' : c)).join('');
  const named = cleaned === '' || cleaned === '.' || cleaned === '..' ? 'download' : cleaned;
  const safe = windowsReservedName(named) ? `_${named}` : named;
  const fallback = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}

/** RFC 5987 attr-char allows ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is %-encoded. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const isControl = (c: string): boolean => {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
};
