export { getApi, getConnection, type HostConnection } from './bridge';
export { showNativeMenu } from './context-menu';
export { shareNativeStrings } from './native-strings';
export type { HostApi, InvokeOf } from './host-api';
export { canDragOut, hostHasLocalPaths, localHandleOf, startDragOut } from './local-files';
export type { ConnectionState } from './ws-client';
