/**
 * What a table row and a grid tile do with the pointer: press (select), double-click (open),
 * drag (move, copy or drag out), right-click (the context menu). One set of handlers, stable
 * per store so memoised rows do not re-render, attached to an entry by `objectItemProps`.
 */
import { useMemo, type DragEvent, type MouseEvent } from 'react';
import type { ObjectEntry } from '../../../shared/models';
import type { AppStore } from '../store';
import { onObjectRowMenu } from './ContextMenuTriggers';
import { FOLDER_DROP_ATTRIBUTE } from './file-drop';
import { pressRow, startRowDrag } from './row-drag';

export interface ObjectItemHandlers {
  mouseDown(event: MouseEvent, key: string): void;
  doubleClick(key: string): void;
  dragStart(event: DragEvent, key: string): void;
  contextMenu(event: MouseEvent, key: string): void;
}

export function useObjectItemHandlers(store: AppStore): ObjectItemHandlers {
  return useMemo(
    () => ({
      mouseDown: (event, key) => pressRow(store, event, key),
      doubleClick: (key) => store.getState().objects.activate(key),
      dragStart: (event, key) => startRowDrag(store, key, event),
      contextMenu: (event, key) => onObjectRowMenu(store, event, key),
    }),
    [store],
  );
}

/** The element props that attach the handlers to one entry; a folder also takes drops. */
export function objectItemProps(entry: ObjectEntry, handlers: ObjectItemHandlers) {
  return {
    ...(entry.kind === 'folder' ? { [FOLDER_DROP_ATTRIBUTE]: entry.key } : {}),
    draggable: true,
    onDragStart: (event: DragEvent) => handlers.dragStart(event, entry.key),
    onMouseDown: (event: MouseEvent) => handlers.mouseDown(event, entry.key),
    onDoubleClick: () => handlers.doubleClick(entry.key),
    onContextMenu: (event: MouseEvent) => handlers.contextMenu(event, entry.key),
  };
}
