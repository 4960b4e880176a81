/**
 * Dragging rows of the object list onto a folder row or a breadcrumb: a move, or a copy while
 * the platform's copy modifier is held (Option on macOS, Ctrl elsewhere). Row drags carry their
 * own data type, so the file drop (files from the system, file-drop.ts) and, in Electron,
 * dragging files out to the file manager (startRowDragOut) keep working beside them.
 */
import { useState, type DragEvent, type MouseEvent } from 'react';
import { isFolderKey } from '../../../shared/keys';
import { i18n } from '../i18n';
import type { AppStore } from '../store';
import { folderLabel, planDrop, type DraggedObjects } from '../store/moves-slice';
import { FOLDER_DROP_ATTRIBUTE, dragOutSupported, isOwnDragOut, startRowDragOut, type FileDrop } from './file-drop';
import { isMac, rowClick } from './grid-virtualizer';

/** The drag data type of our own rows (JSON of DraggedObjects). */
export const ROW_DRAG_TYPE = 'application/x-qstorage-objects';

// dragover may not read the data, only its types: the drag in progress is kept here too.
let dragging: DraggedObjects | null = null;
// A plain press on a row of a multi-selection selects that row only on release, so the whole
// selection can be dragged (as in Finder); a drag start cancels it.
let pendingPress: string | null = null;

/** The platform's copy modifier during a drag. */
export const isCopyDrag = (event: { altKey: boolean; ctrlKey: boolean }): boolean =>
  isMac ? event.altKey : event.ctrlKey;

/** Mouse-down on a row: the selection click, deferred to the release for a row of a multi-selection. */
export function pressRow(store: AppStore, event: MouseEvent, key: string): void {
  const click = rowClick(event);
  if (click === null) return;
  const o = store.getState().objects;
  if (click.range || click.toggle || o.selected.size < 2 || !o.selected.has(key)) {
    o.click(key, click);
    return;
  }
  pendingPress = key;
  window.addEventListener(
    'mouseup',
    () => {
      if (pendingPress === key) store.getState().objects.click(key, click);
      pendingPress = null;
    },
    { once: true },
  );
}

/** Drag start on a row: the selection if the row is in it, else the row. */
export function startRowDrag(store: AppStore, key: string, event: DragEvent): void {
  pendingPress = null;
  const o = store.getState().objects;
  if (o.location === null) return;
  const keys = o.selected.has(key) ? [...o.selected] : [key];
  dragging = { accountId: o.location.accountId, bucket: o.location.bucket, keys };
  window.addEventListener('dragend', endRowDrag, { once: true });
  // Electron drags files out natively; dropped back on our folders they still move (see rowDragOf).
  if (dragOutSupported() && !keys.some(isFolderKey)) {
    startRowDragOut(store, key, event);
    return;
  }
  event.dataTransfer.setData(ROW_DRAG_TYPE, JSON.stringify(dragging));
  event.dataTransfer.effectAllowed = 'copyMove';
}

function endRowDrag(): void {
  dragging = null;
}

/** The rows a drag carries, or null for any other drag (files from the system). */
function rowDragOf(event: DragEvent): DraggedObjects | null {
  if (dragging === null) return null;
  return event.dataTransfer.types.includes(ROW_DRAG_TYPE) || isOwnDragOut() ? dragging : null;
}

/** The folder row under the pointer, or null. */
function folderRowUnder(target: EventTarget | null): string | null {
  const row = target instanceof Element ? target.closest(`[${FOLDER_DROP_ATTRIBUTE}]`) : null;
  return row?.getAttribute(FOLDER_DROP_ATTRIBUTE) ?? null;
}

const t = (key: string, options: Record<string, unknown>): string => i18n.t(`organize:${key}`, options);

interface Over {
  prefix: string;
  /** Why a drop here is refused; null when it is accepted. */
  problem: string | null;
  copy: boolean;
}

/** Shared by rows and breadcrumbs: what a drag over the folder `prefix` would do, accepting it if it can. */
function dragOver(event: DragEvent, rows: DraggedObjects, prefix: string): Over {
  const copy = isCopyDrag(event);
  const plan = planDrop(rows.keys, prefix, copy);
  if (plan.ok) {
    event.preventDefault();
    event.dataTransfer.dropEffect = copy ? 'copy' : 'move';
  }
  return { prefix, problem: plan.ok ? null : plan.problem, copy };
}

function describe(store: AppStore, over: Over): string {
  const bucket = store.getState().objects.location?.bucket ?? '';
  return over.problem ?? t(over.copy ? 'dropToCopy' : 'dropToMove', { where: folderLabel(bucket, over.prefix) });
}

function dropRows(store: AppStore, event: DragEvent, rows: DraggedObjects, prefix: string): void {
  event.preventDefault();
  endRowDrag();
  void store.getState().moves.drop(rows, prefix, isCopyDrag(event));
}

/** The object list's drop zone with row drags onto folder rows added to the file drop. */
export function useRowDrop(store: AppStore, files: FileDrop): FileDrop {
  const [over, setOver] = useState<Over | null>(null);
  const [message, setMessage] = useState('');

  function onDragOver(event: DragEvent<HTMLElement>): void {
    const rows = rowDragOf(event);
    if (rows === null) {
      files.handlers.onDragOver(event);
      return;
    }
    const prefix = folderRowUnder(event.target);
    const next = prefix === null ? null : dragOver(event, rows, prefix);
    if (next?.prefix !== over?.prefix || next?.copy !== over?.copy) {
      setOver(next);
      if (next !== null) setMessage(describe(store, next));
    }
  }

  function onDragLeave(event: DragEvent<HTMLElement>): void {
    const next = event.relatedTarget;
    if (!(next instanceof Node && event.currentTarget.contains(next))) setOver(null);
    files.handlers.onDragLeave(event);
  }

  function onDrop(event: DragEvent<HTMLElement>): void {
    const rows = rowDragOf(event);
    const prefix = folderRowUnder(event.target);
    setOver(null);
    if (rows === null) files.handlers.onDrop(event);
    else if (prefix !== null && planDrop(rows.keys, prefix, isCopyDrag(event)).ok) dropRows(store, event, rows, prefix);
  }

  return {
    dropTarget: over !== null && over.problem === null ? over.prefix : files.dropTarget,
    message: message || files.message,
    hint: over === null ? files.hint : describe(store, over),
    handlers: { onDragEnter: onDragOver, onDragOver, onDragLeave, onDrop },
  };
}

/** Breadcrumbs as drop targets: the props for the crumb of `prefix`, and which crumb a drag is over. */
export function useCrumbDrop(store: AppStore): {
  over: string | null;
  props: (prefix: string) => {
    onDragOver: (e: DragEvent) => void;
    onDragLeave: () => void;
    onDrop: (e: DragEvent) => void;
    title?: string;
  };
} {
  const [over, setOver] = useState<Over | null>(null);
  return {
    over: over !== null && over.problem === null ? over.prefix : null,
    props: (prefix) => ({
      onDragOver(event) {
        const rows = rowDragOf(event);
        if (rows !== null) setOver(dragOver(event, rows, prefix));
      },
      onDragLeave: () => setOver(null),
      onDrop(event) {
        const rows = rowDragOf(event);
        setOver(null);
        if (rows !== null) dropRows(store, event, rows, prefix);
      },
      ...(over?.prefix === prefix && { title: describe(store, over) }),
    }),
  };
}
