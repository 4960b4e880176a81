/** Who may talk to the main process: every IPC listener (ipc.ts, path-handles.ts, drag-out.ts) asks here. */
import type { IpcMainInvokeEvent, WebContents } from 'electron';

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: Pick<WebContents, 'id'> };

/** Our window, its top frame, our page: anything else (iframes, other windows, navigated pages) is refused. */
export function isTrustedSender(
  event: SenderEvent,
  contents: Pick<WebContents, 'id' | 'isDestroyed'> | null,
  isAppUrl: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (contents === null || contents.isDestroyed()) return false;
  if (event.sender.id !== contents.id) return false;
  if (frame === null || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
