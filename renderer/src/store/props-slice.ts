/**
 * What the details pane and the bucket properties show and change beyond the listing, in
 * three parts: one object's tabs (object-props.ts), a bucket's properties (bucket-props.ts)
 * and the "Show versions" listing of the current folder (version-listing.ts).
 */
import { createBucketProps, type BucketProps } from './bucket-props';
import { createObjectProps, type ObjectProps } from './object-props';
import type { StoreSlice } from './slice';
import type { SupportSlice } from './support-slice';
import { createVersionListing, type VersionListingPart } from './version-listing';
import type { ObjectsSlice } from './objects-slice';

export type { BucketPropLoads, BucketPropName, BucketPropValues, BucketPropsState } from './bucket-props';
export { sameObject, type BucketRef, type Loadable, type ObjectRef } from './object-props';
export { selectFocusedRow, selectListingRows, type VersionListing } from './version-listing';

export interface PropsSlice extends ObjectProps, BucketProps, VersionListingPart {}

type PropsReads = { support: Pick<SupportSlice, 'noteFailure'>; objects: Pick<ObjectsSlice, 'filter'> };

export const createPropsSlice: StoreSlice<'props', PropsSlice, PropsReads> = (patch, get, deps) => ({
  ...createObjectProps(patch, get, deps),
  ...createBucketProps(patch, get, deps),
  ...createVersionListing(patch, get, deps),
});
