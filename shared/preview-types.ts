/**
 * What Quick Look makes of an object: its kind (which viewer shows it) and the one type its
 * preview link serves the bytes as. Both come from an allow-list: active content (HTML, XML,
 * scripts) is served as text/plain, anything unknown as application/octet-stream, so the
 * stored Content-Type never decides how a browser treats the bytes.
 */

export type PreviewKind = 'image' | 'svg' | 'text' | 'markdown' | 'json' | 'html' | 'pdf' | 'audio' | 'video' | 'other';

/** Raster images a browser decodes in <img>, by extension. */
const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  apng: 'image/apng',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
};

const AUDIO_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  weba: 'audio/webm',
};

const VIDEO_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  ogv: 'video/ogg',
  mov: 'video/quicktime',
};

const SPECIAL_TEXT: Record<string, PreviewKind> = {
  md: 'markdown',
  markdown: 'markdown',
  json: 'json',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
};

/** Plain text and source code (shown as text, highlighted where the viewer knows the language). */
const TEXT_EXTENSIONS = new Set(
  (
    'txt text log csv tsv xml yaml yml toml ini conf cfg env properties js mjs cjs jsx ts mts cts tsx ' +
    'css scss sass less vue svelte py rb go rs java kt kts scala c h cc cpp cxx hpp cs fs php pl pm r ' +
    'swift m lua sh bash zsh fish ps1 bat sql graphql proto dockerfile makefile cmake gradle tf hcl ' +
    'diff patch rst tex srt vtt lock gitignore editorconfig'
  ).split(' '),
);

/** The text types served as text/plain without a second look. */
const TEXT_CONTENT_TYPES = new Set([
  'application/json',
  'application/xml',
  'application/javascript',
  'application/x-yaml',
  'application/yaml',
  'application/toml',
  'application/x-sh',
]);

const PLAIN_TEXT = 'text/plain; charset=utf-8';
const OCTET_STREAM = 'application/octet-stream';

/** The lower-case extension of the key's last segment ("" when none); a dotfile's name counts as one. */
export function extensionOf(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(dot + 1);
}

function kindOfType(contentType: string | null): PreviewKind {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'image/svg+xml') return 'svg';
  if (Object.values(IMAGE_TYPES).includes(type)) return 'image';
  if (Object.values(AUDIO_TYPES).includes(type)) return 'audio';
  if (Object.values(VIDEO_TYPES).includes(type)) return 'video';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'text/markdown') return 'markdown';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type.startsWith('text/') || TEXT_CONTENT_TYPES.has(type)) return 'text';
  return 'other';
}

/** The viewer for an object: by its key's extension, else by its stored Content-Type. */
export function previewKind(key: string, contentType: string | null): PreviewKind {
  const ext = extensionOf(key);
  if (ext === 'svg') return 'svg';
  if (ext === 'pdf') return 'pdf';
  if (ext in IMAGE_TYPES) return 'image';
  if (ext in AUDIO_TYPES) return 'audio';
  if (ext in VIDEO_TYPES) return 'video';
  const special = SPECIAL_TEXT[ext];
  if (special !== undefined) return special;
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  return kindOfType(contentType);
}

/** The Content-Type a preview link serves: from the allow-list, never the stored header itself. */
export function servedContentType(key: string, contentType: string | null): string {
  const kind = previewKind(key, contentType);
  const ext = extensionOf(key);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const pick = (table: Record<string, string>): string =>
    table[ext] ?? (Object.values(table).includes(type) ? type : OCTET_STREAM);
  switch (kind) {
    case 'svg':
      return 'image/svg+xml';
    case 'image':
      return pick(IMAGE_TYPES);
    case 'audio':
      return pick(AUDIO_TYPES);
    case 'video':
      return pick(VIDEO_TYPES);
    case 'text':
    case 'markdown':
    case 'json':
    case 'html':
      return PLAIN_TEXT;
    // pdf.js reads bytes, not a type: a PDF opened on its own would get the browser's viewer.
    case 'pdf':
    case 'other':
      return OCTET_STREAM;
  }
}
