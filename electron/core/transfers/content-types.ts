/**
 * Content-Type for uploads, from the file extension (the `mime` package's standard table),
 * so browsers and the service's web view show objects properly. Text types say UTF-8;
 * anything unknown is application/octet-stream.
 */
import mime from 'mime';

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeFor(name: string): string {
  const type = mime.getType(name.slice(name.lastIndexOf('/') + 1));
  if (type === null) return DEFAULT_CONTENT_TYPE;
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}
