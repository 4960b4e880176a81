/**
 * One router for both hosts: validates every request against its schema before the handler
 * runs, and turns anything a handler throws into an error value with a closed code.
 */
import type { ResponseOf } from '../../shared/contract';
import { ERROR_CODES, fail, ok, type ErrorCode, type Result } from '../../shared/errors';
import { requestSchemas, type Channel, type ParsedRequestOf } from '../../shared/schemas';
import { toAppError } from './errors';

export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

export interface Router {
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
}

const isChannel = (name: string): name is Channel => Object.hasOwn(requestSchemas, name);

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

export function createRouter(handlers: Handlers): Router {
  return {
    async invoke(channel, request) {
      if (!isChannel(channel)) return fail('InvalidRequest', `Unknown channel "${clipped(channel)}".`);
      const parsed = requestSchemas[channel].safeParse(request ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
        return fail(codeOf(issue), `${issue?.message ?? 'Invalid request'}${where}`);
      }
      try {
        const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
        return ok(await handler(parsed.data));
      } catch (error) {
        return { ok: false, error: toAppError(error) };
      }
    },
  };
}
