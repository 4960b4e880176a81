export { getApi, getConnection, type HostConnection } from './bridge';
export { createDomains, type Domains } from './domains';
export { canDragOut, hostHasLocalPaths, localHandleOf, startDragOut } from './local-files';
export type { ConnectionState } from './ws-client';
