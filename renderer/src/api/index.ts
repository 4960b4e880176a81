export { getApi, getConnection, type HostConnection } from './bridge';
export { createDomains, type Domains } from './domains';
export type { ConnectionState } from './ws-client';
