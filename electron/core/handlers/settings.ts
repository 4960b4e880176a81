/** The settings:* channels. */
import type { Handlers } from '../router';
import type { SettingsStore } from '../settings-store';

export function settingsHandlers(settings: SettingsStore): Pick<Handlers, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': async () => settings.get(),
    'settings:update': async (patch) => settings.update(patch),
  };
}
