/**
 * The renderer's Content-Security-Policy in Electron. Production: our own files only, no
 * network (the core talks to storage, not the page): 'self' is app://qstorage, whose only
 * non-file answers are Quick Look's /preview/<id> links (media and range fetches). Dev adds
 * what Vite's HMR needs.
 */
export function electronCsp(dev: boolean): string {
  return [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self'",
    "font-src 'self'",
    dev ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

const META_CSP = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i;

/**
 * index.html with its meta CSP replaced by `csp`. Electron loads the page from file://, where
 * no response header applies: the meta is the policy there, so it must be the strict one.
 * Throws when the page has no such meta, so a build cannot silently ship without it.
 */
export function withMetaCsp(html: string, csp: string): string {
  if (!META_CSP.test(html)) throw new Error('index.html has no <meta http-equiv="Content-Security-Policy">.');
  return html.replace(META_CSP, (_all, open: string, close: string) => `${open}${csp}${close}`);
}
