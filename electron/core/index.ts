/** The core's public surface for the hosts. */
export { createCore, type Core, type CoreOptions } from './create-core';
export { createKeyFileVault } from './key-file-vault';
export { CoreError, toAppError } from './errors';
export type { SecretVault } from './secret-vault';
export type { HostServices, ObjectSource, ObjectStream } from './host-services';
export type { TransferEngine, TaskEvents, TaskOutcome, RunningTask } from './transfers/engine';
export { STAGE_PATH_PREFIX } from './transfers/staging';
