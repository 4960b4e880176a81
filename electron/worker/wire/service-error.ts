/**
 * Error answers of the lean wire path, built the way the SDK builds them (S3ServiceException,
 * name = the XML Code, $metadata, the XML's fields), so toAppError and the retry rules treat a
 * lean request's failure exactly like the same failure through the SDK.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { parseXML } from '@aws-sdk/xml-builder';

type Headers = IncomingHttpHeaders | Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

const DESERIALIZATION_HINT =
  'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';

const defined = (name: string, value: string | undefined): Record<string, string> =>
  value === undefined ? {} : { [name]: value };

/** A redirect the SDK knows how to follow (AWS region redirects): repeat the request through it. */
export function needsSdk(status: number, headers: Headers): boolean {
  return (status >= 300 && status < 400) || (status === 400 && header(headers, 'x-amz-bucket-region') !== undefined);
}

/** The SDK's exception for a non-2xx answer with this status, headers and body. */
export function serviceError(status: number, headers: Headers, bodyText: string): Error {
  let fields: Record<string, string>;
  try {
    fields = errorFields(bodyText);
  } catch (error) {
    // What the SDK throws when the body is not XML, word for word (the retry rules read it).
    const cause = error instanceof Error ? error.message : String(error);
    const message = `${cause}\n  ${DESERIALIZATION_HINT}`;
    return Object.assign(new Error(message), { $metadata: { httpStatusCode: status }, $responseBodyText: bodyText });
  }
  const name = fields.Code ?? (status === 404 ? 'NotFound' : 'Unknown');
  const exception = new S3ServiceException({
    name,
    $fault: status < 500 ? 'client' : 'server',
    $metadata: {
      httpStatusCode: status,
      ...defined('requestId', header(headers, 'x-amz-request-id') ?? fields.RequestId),
      ...defined('extendedRequestId', header(headers, 'x-amz-id-2')),
      ...defined('cfId', header(headers, 'x-amz-cf-id')),
    },
    message: fields.Message ?? 'UnknownError',
  });
  for (const [field, value] of Object.entries(fields)) {
    if (field !== 'Message') Object.assign(exception, { [field]: value });
  }
  // Like the SDK: the raw answer rides along, hidden (errors.ts reads the region header from it).
  Object.defineProperty(exception, '$response', { value: { statusCode: status, headers }, enumerable: false });
  return exception;
}

/** The text fields of `<Error>…</Error>` (RequestId, HostId, Region…); none for an empty body. */
function errorFields(bodyText: string): Record<string, string> {
  if (bodyText.trim() === '') return {};
  const parsed = parseXML(bodyText) as Record<string, unknown>;
  const root = Object.values(parsed)[0];
  const fields: Record<string, string> = {};
  if (typeof root !== 'object' || root === null) return fields;
  for (const [field, value] of Object.entries(root)) {
    if (typeof value === 'string') fields[field] = value;
  }
  return fields;
}
