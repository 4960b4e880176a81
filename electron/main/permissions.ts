/**
 * The only permissions the page gets: desktop notifications ("upload finished") and writing
 * text to the clipboard (the context menus' "Copy key" and the share dialog's "Copy").
 * Reading the clipboard, media, geolocation and the rest are refused.
 */
const GRANTED: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

export function pagePermission(permission: string): boolean {
  return GRANTED.has(permission);
}
