/**
 * The shapes of the context menus: what a menu is opened on (its target), how an item is
 * declared once (menus.ts), and the resolved entries both renderings draw (the in-page menu in
 * the browser host, the native one in Electron).
 */
import type { TransferJobView } from '../../../shared/transfers';
import type { AppState, AppStore } from '../store';

/** What a menu is opened on. */
export type MenuTarget =
  /** Object and folder rows: the selection (one or many keys) in the shown bucket. */
  | { kind: 'objects'; keys: string[] }
  /** The list's empty area: the folder shown. */
  | { kind: 'place' }
  | { kind: 'bucket'; bucket: string }
  | { kind: 'account'; accountId: string }
  | { kind: 'transfer'; job: TransferJobView }
  /** QuickSync files (their file keys). */
  | { kind: 'files'; fileKeys: string[] };

export type TargetKind = MenuTarget['kind'];
// An intersection, not Extract: a conditional type would make contexts invariant in K.
export type TargetOf<K extends TargetKind> = MenuTarget & { kind: K };

/** A `menu` catalogue key with its values (`count` picks the plural form). */
export interface Text {
  key: string;
  values?: Record<string, string | number>;
}

/** Catalogue lookup (`menu` namespace): i18n.t in the app, a stand-in in tests. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface ActionContext<K extends TargetKind = TargetKind> {
  target: TargetOf<K>;
  /** The state when the menu was opened (what enabled the items). */
  state: AppState;
  store: AppStore;
  t: Translate;
}

/** One item, declared once in menus.ts. */
export interface ItemSpec<K extends TargetKind> {
  /** Unique within its menu; the native menu answers with it. */
  id: string;
  /** A `menu` key; it gets `count` (the number of targets) for plural labels. */
  label: string;
  /** An Electron accelerator ("F2", "Delete", "Space"), shown as a hint only. */
  shortcut?: string;
  danger?: boolean;
  /** False leaves the item out entirely (it can never apply here, e.g. a host without the feature). */
  shown?: (c: ActionContext<K>) => boolean;
  /** Null when the item applies; else why it is greyed out. */
  disabled?: (c: ActionContext<K>) => Text | null;
  run: (c: ActionContext<K>) => void | Promise<unknown>;
}

export const SEPARATOR = 'separator' as const;
export type MenuSpec<K extends TargetKind> = readonly (ItemSpec<K> | typeof SEPARATOR)[];

/** A resolved entry: what both renderings draw. */
export type MenuEntry =
  | {
      type: 'item';
      id: string;
      label: string;
      /** Why it is greyed out (translated); null when enabled. */
      reason: string | null;
      shortcut: string | undefined;
      danger: boolean;
      run: () => void;
    }
  | { type: 'separator' };
