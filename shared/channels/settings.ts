/** The app's settings (today: the transfer settings). */
import { z } from 'zod';
import { transferSettingsPatch } from '../schemas';
import type { TransferSettings } from '../transfers';
import { channel, returns } from './channel';

export interface AppSettings {
  transfers: TransferSettings;
}

export const settingsChannels = {
  'settings:get': channel({ request: z.object({}), response: returns<AppSettings>() }),
  'settings:update': channel({
    request: z.object({ transfers: transferSettingsPatch }),
    response: returns<AppSettings>(),
  }),
};
