/**
 * One router for both hosts: validates every request against its channel's schema, refuses a
 * channel whose capability the account lacks, then calls the account's provider (storage
 * operations, the table's `method`) or the core's handler, and turns anything thrown into an
 * error value with a closed code.
 */
import type { ChannelSpec } from '../../shared/channels/channel';
import { CHANNELS, type Channel, type ParsedRequestOf, type ResponseOf } from '../../shared/contract';
import { ERROR_CODES, fail, ok, type ErrorCode, type Result } from '../../shared/errors';
import { toAppError } from './errors';
import { runOperation, type OperationRegistry } from './operations';
import type { ProviderRegistry } from './providers/registry';
import { requireCapabilities, type CallContext, type StorageChannel } from './providers/storage-provider';

/** The channels the core answers itself (accounts, settings, transfers …): no provider method. */
export type CoreChannel = Exclude<Channel, StorageChannel>;

export type Handlers = { [C in CoreChannel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

export interface RouterDeps {
  handlers: Handlers;
  providers: Pick<ProviderRegistry, 'capabilities' | 'get'>;
  operations: OperationRegistry;
  /** What a provider call gets besides its request (the operation is added by the router). */
  context(accountId: string): CallContext;
}

export interface Router {
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
}

const isChannel = (name: string): name is Channel => Object.hasOwn(CHANNELS, name);

/** A rule may name a more specific code than InvalidRequest (e.g. InvalidKey) in its issue's params. */
function codeOf(issue: { code: string; params?: Record<string, unknown> | undefined } | undefined): ErrorCode {
  const named = issue?.code === 'custom' ? issue.params?.code : undefined;
  return ERROR_CODES.find((c) => c === named) ?? 'InvalidRequest';
}

/** Control characters, and halves of surrogate pairs, that an echoed name must not carry. */
const UNPRINTABLE = // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A caller's channel name as it may be echoed: 64 code units at most, unprintables as "?". */
export function clipped(name: string, max = 64): string {
  const shown = name.slice(0, max).replace(UNPRINTABLE, '?');
  return name.length > max ? `${shown}…` : shown;
}

type Parsed = { accountId?: string; operationId?: string } & Record<string, unknown>;
type Call = (request: unknown, context: unknown) => Promise<unknown>;

export function createRouter({ handlers, providers, operations, context }: RouterDeps): Router {
  /** The guard: NotSupported, before anything runs, for an account that lacks the capability. */
  async function guard(channel: Channel, accountId: string | undefined): Promise<void> {
    const { capability }: ChannelSpec = CHANNELS[channel];
    if (capability !== undefined && accountId !== undefined)
      requireCapabilities(await providers.capabilities(accountId), [capability]);
  }

  /** A storage operation: the account's provider method, as a batch operation when it has an id. */
  function dispatch(channel: Channel, method: string, { accountId, operationId, ...request }: Parsed) {
    const call = async (extra: object): Promise<unknown> => {
      await guard(channel, accountId);
      const id = accountId as string; // every entry with a method names its account (contract.ts)
      const provider = (await providers.get(id)) as unknown as Record<string, Call>;
      return provider[method]!(request, { ...context(id), ...extra });
    };
    // Registered before any await, so a cancel sent right after the request is not lost.
    return operationId === undefined
      ? call({})
      : runOperation(operations, operationId, (op) => call({ operation: op }));
  }

  return {
    async invoke(channel, request) {
      if (!isChannel(channel)) return fail('InvalidRequest', `Unknown channel "${clipped(channel)}".`);
      const parsed = CHANNELS[channel].request.safeParse(request ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
        return fail(codeOf(issue), `${issue?.message ?? 'Invalid request'}${where}`);
      }
      const data = parsed.data as Parsed;
      try {
        const { method }: ChannelSpec = CHANNELS[channel];
        if (method !== undefined) return ok(await dispatch(channel, method, data));
        await guard(channel, data.accountId);
        const handler = handlers[channel as CoreChannel] as (req: unknown) => Promise<unknown>;
        return ok(await handler(data));
      } catch (error) {
        return { ok: false, error: toAppError(error) };
      }
    },
  };
}
