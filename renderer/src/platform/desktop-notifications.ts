/**
 * Desktop notifications through the Web Notification API (Electron's renderer has it too).
 * Permission is asked once a transfer starts; without it the store shows an in-app toast.
 */
import type { DesktopNotifier } from '../store';

const supported = (): boolean => typeof Notification !== 'undefined';

export const desktopNotifier: DesktopNotifier = {
  requestPermission() {
    if (!supported() || Notification.permission !== 'default') return;
    void Notification.requestPermission().catch(() => 'denied');
  },
  show(title, body) {
    if (!supported() || Notification.permission !== 'granted') return false;
    try {
      new Notification(title, { body });
      return true;
    } catch {
      return false; // e.g. Chrome on Android wants a service worker: fall back to the toast
    }
  },
};
