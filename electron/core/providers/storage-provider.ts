/**
 * The seam between the core and a storage service, derived from the channel table: every entry
 * with a `method` is a provider method the router calls with the request (without accountId and
 * operationId) and a call context. Methods of entries without a capability make the base
 * `StorageProvider`; the others come with their capability (`CapableOf<C>`), narrowed by one
 * guard, `hasCapability` (VS Code's IFileSystemProvider + hasXCapability is the model).
 */
import { notSupportedMessage, type Capabilities, type Capability } from '../../../shared/capabilities';
import type { Channels, Channel, ParsedRequestOf, ResponseOf } from '../../../shared/contract';
import { CoreError } from '../errors';
import type { HostServices, ObjectSource, ObjectStream } from '../host-services';
import type { Operation } from '../operations';
import type { ProviderTransfers, UploadLeftover } from '../transfers/provider-transfers';

/** The channels a provider answers: those with a `method` in the table. */
export type StorageChannel = {
  [C in Channel]: Channels[C] extends { method: string } ? C : never;
}[Channel];

type MethodOf<C extends StorageChannel> = Channels[C] extends { method: infer M extends string } ? M : never;
type CapabilityOf<C extends Channel> = Channels[C] extends { capability: infer K extends Capability } ? K : never;

/** The account's transfer jobs, as far as a provider's own file list shows them. */
export interface AccountJobs {
  /** What the account's unfinished jobs left on the server that they can resume from, by job id. */
  unfinishedUploads(): ReadonlyMap<string, UploadLeftover>;
  cancel(jobIds: string[]): void;
}

/** What every provider call gets besides its request. */
export interface CallContext {
  readonly accountId: string;
  /** The host's services, its save dialog guarded against the app's own data folder. */
  readonly host: HostServices;
  readonly jobs: AccountJobs;
}

/** A request carrying `operationId` runs as that batch operation (registered before any await). */
export type ContextOf<C extends StorageChannel> =
  ParsedRequestOf<C> extends { operationId: string } ? CallContext & { readonly operation: Operation } : CallContext;

export type ProviderRequest<C extends StorageChannel> = Omit<ParsedRequestOf<C>, 'accountId' | 'operationId'>;

export type ProviderMethod<C extends StorageChannel> = (
  request: ProviderRequest<C>,
  context: ContextOf<C>,
) => Promise<ResponseOf<C>>;

/** The methods of these channels, by method name: what one module of a provider contributes. */
export type MethodsOf<C extends StorageChannel> = [C] extends [never]
  ? Record<never, never>
  : { [K in C as MethodOf<K>]: ProviderMethod<K> };

export type ProviderMethods = MethodsOf<StorageChannel>;

/** What a capability brings beyond its channels: the bytes behind a one-time download link. */
interface CapabilityExtras {
  buckets: { openObjectStream(source: ObjectSource): Promise<ObjectStream> };
}

/** The methods an account with capability C has. */
export type CapableOf<C extends Capability> = MethodsOf<Extract<StorageChannel, ChannelsWith<C>>> &
  (C extends keyof CapabilityExtras ? CapabilityExtras[C] : unknown);

type ChannelsWith<C extends Capability> = {
  [K in Channel]: [CapabilityOf<K>] extends [never] ? never : CapabilityOf<K> extends C ? K : never;
}[Channel];

type BaseChannel = { [K in StorageChannel]: [CapabilityOf<K>] extends [never] ? K : never }[StorageChannel];

export type StorageProvider = MethodsOf<BaseChannel> & {
  readonly capabilities: Capabilities;
  /** Everything about transfers that differs between services (the queue never asks the kind). */
  readonly transfers: ProviderTransfers;
};

export function hasCapability<C extends Capability>(
  provider: StorageProvider,
  capability: C,
): provider is StorageProvider & CapableOf<C> {
  return provider.capabilities.has(capability);
}

/** Refuses, with NotSupported and the capability's sentence, the first of `needed` that is missing. */
export function requireCapabilities(capabilities: Capabilities, needed: readonly Capability[]): void {
  const missing = needed.find((c) => !capabilities.has(c));
  if (missing !== undefined) throw new CoreError('NotSupported', notSupportedMessage(missing));
}
