/** Quick Look on S3: the object's current size and ETag, and a preview link bound to them. */
import { servedContentType } from '../../../../shared/preview-types';
import { CoreError } from '../../errors';
import type { MethodsOf } from '../storage-provider';
import type { S3Account } from './context';
import { headObject } from './objects';

export const previewMethods = (s3: S3Account): MethodsOf<'objects:preview'> => ({
  async previewObject({ bucket, key, versionId }, { accountId, host }) {
    if (host.createPreviewLink === undefined) throw new CoreError('NotSupported', 'Previews are not available here.');
    const details = await headObject(await s3.client(bucket), bucket, key, versionId);
    const url = host.createPreviewLink({
      source: { accountId, bucket, key, ...(versionId !== undefined && { versionId }) },
      size: details.size,
      etag: details.etag,
      servedType: servedContentType(key, details.contentType),
    });
    return { url, size: details.size, contentType: details.contentType, etag: details.etag };
  },
});
