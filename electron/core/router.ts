/**
 * One router for both hosts: validates every request against its schema before the handler
 * runs, and turns anything a handler throws into an error value with a closed code.
 */
import type { ResponseOf } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/errors';
import { requestSchemas, type Channel, type ParsedRequestOf } from '../../shared/schemas';
import { toAppError } from './errors';

export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

export interface Router {
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
}

const isChannel = (name: string): name is Channel => Object.hasOwn(requestSchemas, name);

export function createRouter(handlers: Handlers): Router {
  return {
    async invoke(channel, request) {
      if (!isChannel(channel)) return fail('InvalidRequest', `Unknown channel "${channel}".`);
      const parsed = requestSchemas[channel].safeParse(request ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
        return fail('InvalidRequest', `${issue?.message ?? 'Invalid request'}${where}`);
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
