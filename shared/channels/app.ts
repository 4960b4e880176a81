/** The app itself and its batch operations. */
import { z } from 'zod';
import type { AppInfo } from '../models';
import { operationId } from '../schemas';
import { channel, returns } from './channel';

export const appChannels = {
  'app:info': channel({ request: z.object({}), response: returns<AppInfo>() }),
  /** Stops a running delete, copy, tag edit or file delete (by the id its request carried). */
  'operations:cancel': channel({ request: z.object({ operationId }), response: returns<null>() }),
};
