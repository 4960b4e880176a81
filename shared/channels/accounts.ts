/** Saved accounts, their connection test, and the local sandbox. */
import { z } from 'zod';
import type { AccountSummary, ConnectionTestResult } from '../models';
import { accountInputSchema, accountPatchSchema, id, type AccountInput, type AccountPatch } from '../schemas';
import { channel, returns } from './channel';

type AccountTest =
  | { id: string; patch?: AccountPatch; account?: undefined }
  | { account: z.output<typeof accountInputSchema>; id?: undefined; patch?: undefined };
type AccountTestInput =
  | { id: string; patch?: AccountPatch; account?: undefined }
  | { account: AccountInput; id?: undefined; patch?: undefined };

/**
 * One object rather than a union of the two shapes, so a bad patch or draft is refused with its
 * own sentence and path (a union only says "Invalid input").
 */
const accountTestSchema = z
  .object({ id: id.optional(), patch: accountPatchSchema.optional(), account: accountInputSchema.optional() })
  .refine(
    (r) => (r.account === undefined ? r.id !== undefined : r.id === undefined && r.patch === undefined),
    'Test either a saved account (id, with an optional patch) or a new one (account), not both.',
  ) as unknown as z.ZodType<AccountTest, AccountTestInput>;

export const accountChannels = {
  'accounts:list': channel({ request: z.object({}), response: returns<AccountSummary[]>() }),
  'accounts:create': channel({
    request: z.object({ account: accountInputSchema }),
    response: returns<AccountSummary>(),
  }),
  'accounts:update': channel({
    request: z.object({ id, patch: accountPatchSchema }),
    response: returns<AccountSummary>(),
  }),
  'accounts:remove': channel({ request: z.object({ id }), response: returns<null>() }),
  /** Test a saved account (id), a draft (account), or a saved account with edits (id + patch). */
  'accounts:test': channel({ request: accountTestSchema, response: returns<ConnectionTestResult>() }),
  'sandbox:open': channel({ request: z.object({}), response: returns<AccountSummary>() }),
};
