/**
 * The bucket properties dialog: each tab's value (versioning, object lock, encryption,
 * website), loaded when the tab asks and replaced by what a change answered.
 */
import type { Capability } from '../../../shared/capabilities';
import type { Result } from '../../../shared/errors';
import type {
  BucketObjectLock,
  BucketWebsite,
  DefaultRetention,
  Encryption,
  VersioningStatus,
  WebsiteConfig,
} from '../../../shared/properties';
import type { BucketRef, Loadable } from './object-props';
import type { StoreSlice } from './slice';
import { noteResult, type SupportSlice } from './support-slice';

export interface BucketPropValues {
  versioning: VersioningStatus;
  objectLock: BucketObjectLock;
  encryption: Encryption | null;
  website: BucketWebsite;
}
export type BucketPropName = keyof BucketPropValues;

export type BucketPropLoads = { [K in BucketPropName]: Loadable<BucketPropValues[K]> | null };
/** The bucket properties dialog: each tab's value, null until that tab asks. */
export type BucketPropsState = BucketRef & BucketPropLoads;

export interface BucketProps {
  bucketProps: BucketPropsState | null;
  /** Another bucket than the one held starts afresh. */
  loadBucketProp(ref: BucketRef, name: BucketPropName): Promise<void>;
  setVersioning(ref: BucketRef, status: 'Enabled' | 'Suspended'): Promise<Result<VersioningStatus>>;
  /** null: no default retention (object lock itself stays on). */
  setDefaultRetention(ref: BucketRef, retention: DefaultRetention | null): Promise<Result<BucketObjectLock>>;
  setEncryption(ref: BucketRef, encryption: Encryption | null): Promise<Result<Encryption | null>>;
  setWebsite(ref: BucketRef, config: WebsiteConfig | null): Promise<Result<BucketWebsite>>;
}

const BUCKET_CAPABILITIES: Record<BucketPropName, Capability> = {
  versioning: 'versioning',
  objectLock: 'objectLock',
  encryption: 'bucketEncryption',
  website: 'website',
};

const sameBucket = (a: BucketRef | null, b: BucketRef): a is BucketPropsState =>
  a !== null && a.accountId === b.accountId && a.bucket === b.bucket;

export const createBucketProps: StoreSlice<'props', BucketProps, { support: Pick<SupportSlice, 'noteFailure'> }> = (
  patch,
  get,
  deps,
) => {
  const { api } = deps;

  function setBucketProp<K extends BucketPropName>(
    ref: BucketRef,
    name: K,
    value: Loadable<BucketPropValues[K]>,
  ): void {
    patch((s) => (sameBucket(s.bucketProps, ref) ? { bucketProps: { ...s.bucketProps, [name]: value } } : {}));
  }

  async function putBucketProp<K extends BucketPropName>(
    ref: BucketRef,
    name: K,
    call: Promise<Result<BucketPropValues[K]>>,
  ): Promise<Result<BucketPropValues[K]>> {
    const result = await call;
    noteResult(get().support, ref.accountId, BUCKET_CAPABILITIES[name], result);
    if (result.ok) setBucketProp(ref, name, { status: 'ready', value: result.value });
    return result;
  }

  return {
    bucketProps: null,

    async loadBucketProp(ref, name) {
      const { accountId, bucket } = ref;
      if (!sameBucket(get().props.bucketProps, ref))
        patch({
          bucketProps: { accountId, bucket, versioning: null, objectLock: null, encryption: null, website: null },
        });
      setBucketProp(ref, name, { status: 'loading' });
      const getters: { [K in BucketPropName]: () => Promise<Result<BucketPropValues[K]>> } = {
        versioning: () => api.invoke('versioning:get', { accountId, bucket }),
        objectLock: () => api.invoke('objectLock:getBucket', { accountId, bucket }),
        encryption: () => api.invoke('encryption:getBucket', { accountId, bucket }),
        website: () => api.invoke('website:get', { accountId, bucket }),
      };
      const result = await getters[name]();
      noteResult(get().support, accountId, BUCKET_CAPABILITIES[name], result);
      setBucketProp(
        ref,
        name,
        result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error },
      );
    },

    setVersioning(ref, status) {
      return putBucketProp(ref, 'versioning', api.invoke('versioning:put', { ...ref, status }));
    },

    setDefaultRetention(ref, defaultRetention) {
      return putBucketProp(ref, 'objectLock', api.invoke('objectLock:putBucket', { ...ref, defaultRetention }));
    },

    setEncryption(ref, encryption) {
      return putBucketProp(ref, 'encryption', api.invoke('encryption:putBucket', { ...ref, encryption }));
    },

    setWebsite(ref, config) {
      return putBucketProp(ref, 'website', api.invoke('website:put', { ...ref, config }));
    },
  };
};
