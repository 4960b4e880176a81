/**
 * Drop zones for files: the object list (into the folder shown) and its folder rows (into that
 * folder), or a QuickSync account's file list. A visible highlight shows where a drop goes, and a live message says it too.
 * Also: dragging objects out of the window (Electron), and a window-wide guard so a file
 * dropped anywhere else never makes the page navigate to it.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { canDragOut, hostHasLocalPaths, localHandleOf, startDragOut } from '../api';
import { i18n } from '../i18n';
import { captureDrop, carriesFiles, readDrop } from '../platform/dropped-files';
import { selectPlace, useAppStore, type AppStore } from '../store';
import { describeDestination, uploadContent } from './file-uploads';

/** Marks rows that accept drops; the value is the folder key. */
export const FOLDER_DROP_ATTRIBUTE = 'data-drop-folder';
/** The Electron host downloads dragged objects before the drag starts; it takes this many (electron/main/drag-out.ts). */
export const MAX_DRAG_OUT = 100;
const noBucketMessage = (): string => i18n.t('transfers:drop.noBucket');

// Objects we are dragging out come back as files if dropped on our own window: ignore those.
// The flag clears when the pointer moves over the page with no button held, or the window
// loses focus (neither happens during a native drag).
let ownDragOut = false;
const clearOwnDragOut = (): void => {
  ownDragOut = false;
};
/** Electron: the files being dropped are our own objects dragged out (row-drag.ts moves them instead). */
export const isOwnDragOut = (): boolean => ownDragOut;
const clearOnIdlePointer = (event: MouseEvent): void => {
  if (event.buttons === 0) clearOwnDragOut();
};

/** The folder a drag over `target` points at: a folder row's key, else the shown folder. */
function folderUnder(target: EventTarget | null, shown: string): string {
  const row = target instanceof Element ? target.closest(`[${FOLDER_DROP_ATTRIBUTE}]`) : null;
  return row?.getAttribute(FOLDER_DROP_ATTRIBUTE) ?? shown;
}

export interface FileDrop {
  /** The prefix a drop would go to while files are dragged over the list; null otherwise. */
  dropTarget: string | null;
  /** For the live region: what a drop does, what is being read, what started. */
  message: string;
  /** Shown over the list while dragging or reading. */
  hint: string | null;
  handlers: {
    onDragEnter: (event: DragEvent<HTMLElement>) => void;
    onDragOver: (event: DragEvent<HTMLElement>) => void;
    onDragLeave: (event: DragEvent<HTMLElement>) => void;
    onDrop: (event: DragEvent<HTMLElement>) => void;
  };
}

/**
 * A dragleave bubbles up from every child the pointer crosses, and browsers rarely say where it
 * went (relatedTarget is often null): the zone is left only when the pointer is outside it.
 */
function leftZone(event: DragEvent): boolean {
  const next = event.relatedTarget;
  if (next instanceof Node && event.currentTarget.contains(next)) return false;
  const r = event.currentTarget.getBoundingClientRect();
  return !(event.clientX > r.left && event.clientX < r.right && event.clientY > r.top && event.clientY < r.bottom);
}

export function useFileDrop(): FileDrop {
  const store = useAppStore();
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [reading, setReading] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const say = (text: string): void => {
    if (mounted.current) setMessage(text);
  };

  function onDragOver(event: DragEvent<HTMLElement>): void {
    if (ownDragOut || !carriesFiles(event.dataTransfer.types)) return;
    const location = selectPlace(store.getState());
    if (location === null) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const target = folderUnder(event.target, location.prefix);
    if (target !== dropTarget) {
      setDropTarget(target);
      say(
        i18n.t('transfers:drop.intoSentence', {
          where: describeDestination({ bucket: location.bucket, prefix: target }),
        }),
      );
    }
  }

  function onDragLeave(event: DragEvent<HTMLElement>): void {
    if (!leftZone(event)) return;
    setDropTarget(null);
  }

  function onDrop(event: DragEvent<HTMLElement>): void {
    setDropTarget(null);
    if (ownDragOut || !carriesFiles(event.dataTransfer.types)) return;
    event.preventDefault();
    // Everything the DataTransfer holds must be taken now: it is emptied when this returns.
    const captured = captureDrop(event.dataTransfer, hostHasLocalPaths() ? localHandleOf : null);
    const location = selectPlace(store.getState());
    if (location === null) {
      refuseDrop(store);
      say(noBucketMessage());
      return;
    }
    const target = { bucket: location.bucket, prefix: folderUnder(event.target, location.prefix) };
    void (async () => {
      if (captured.kind === 'entries') {
        setReading(i18n.t('transfers:drop.reading'));
        say(i18n.t('transfers:drop.reading'));
      }
      try {
        const content = await readDrop(captured, {
          onProgress: (found) => {
            const text = i18n.t('transfers:drop.readingFolders', { count: found });
            if (mounted.current) setReading(text);
          },
        });
        if (mounted.current) setReading(null);
        say(await uploadContent(store, content, target));
      } catch (error) {
        if (mounted.current) setReading(null);
        const text = error instanceof Error ? error.message : String(error);
        store.getState().ui.notify('error', i18n.t('transfers:drop.unreadable'), text);
        say(i18n.t('transfers:drop.unreadable'));
      }
    })();
  }

  const hint =
    reading ??
    (dropTarget === null
      ? null
      : i18n.t('transfers:drop.into', {
          where: describeDestination({ bucket: selectPlace(store.getState())?.bucket ?? '', prefix: dropTarget }),
        }));
  // Entering a row or the list's empty part retargets at once, before the next dragover.
  return { dropTarget, message, hint, handlers: { onDragEnter: onDragOver, onDragOver, onDragLeave, onDrop } };
}

function refuseDrop(store: AppStore): void {
  store.getState().ui.notify('error', noBucketMessage());
}

/** The "no bucket open" view: a drop there is refused with a clear message, shown while dragging too. */
export function useRefusingDrop(): {
  hint: string | null;
  handlers: {
    onDragOver: (e: DragEvent) => void;
    onDragLeave: (e: DragEvent) => void;
    onDrop: (e: DragEvent) => void;
  };
} {
  const store = useAppStore();
  const [dragging, setDragging] = useState(false);
  return {
    hint: dragging ? noBucketMessage() : null,
    handlers: {
      onDragOver(event) {
        if (ownDragOut || !carriesFiles(event.dataTransfer.types)) return;
        // Accepted so the drop arrives here and can say why nothing happens.
        event.preventDefault();
        setDragging(true);
      },
      onDragLeave(event) {
        if (leftZone(event)) setDragging(false);
      },
      onDrop(event) {
        setDragging(false);
        if (ownDragOut || !carriesFiles(event.dataTransfer.types)) return;
        event.preventDefault();
        refuseDrop(store);
      },
    },
  };
}

/** Whether rows can be dragged out of the window (Electron only). */
export const dragOutSupported = (): boolean => canDragOut();

/**
 * Drag-start on an object row (Electron): the selection if the row is in it, else the row;
 * objects only. The host downloads them and starts the native drag.
 */
export function startRowDragOut(store: AppStore, key: string, event: DragEvent): void {
  event.preventDefault();
  const o = store.getState().objects;
  if (o.location === null) return;
  const keys = (o.selected.has(key) ? [...o.selected] : [key]).filter((k) => !k.endsWith('/'));
  if (keys.length === 0) {
    store.getState().ui.notify('info', i18n.t('transfers:dragOut.folders'));
    return;
  }
  if (keys.length > MAX_DRAG_OUT) {
    store.getState().ui.notify('info', i18n.t('transfers:dragOut.tooMany', { max: MAX_DRAG_OUT }));
    return;
  }
  ownDragOut = true;
  startDragOut({ accountId: o.location.accountId, bucket: o.location.bucket, keys });
}

/**
 * Installed once for the whole window: a file dropped outside the drop zones is refused
 * instead of the browser opening it in place of the app. Zones that accept a drop have
 * already called preventDefault, which this leaves alone.
 */
export function useWindowDropGuard(): void {
  useEffect(() => {
    const onDragOver = (event: globalThis.DragEvent): void => {
      if (event.defaultPrevented || event.dataTransfer === null) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'none';
    };
    const onDrop = (event: globalThis.DragEvent): void => {
      event.preventDefault();
      clearOwnDragOut();
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener('mousemove', clearOnIdlePointer);
    window.addEventListener('blur', clearOwnDragOut);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('mousemove', clearOnIdlePointer);
      window.removeEventListener('blur', clearOwnDragOut);
    };
  }, []);
}
