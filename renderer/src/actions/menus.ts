/**
 * The one definition of every context menu: per target, its items in order. The browser host
 * draws them as an in-page menu (components/ContextMenu.tsx), Electron as a native one (the
 * same entries serialised, see build.ts); both run the item's `run`.
 *
 * Adding an item is one entry in its target's list below, for example Quick Look on objects:
 *
 *   { id: 'preview', label: 'preview', shortcut: 'Space', disabled: oneFile,
 *     run: (c) => c.state.preview.open(c.target.keys[0] ?? '') },
 *
 * - `label` (and a reason's `key`) is a key of the `menu` catalogue: add it to
 *   renderer/src/i18n/locales/en/menu.json and de/menu.json. Labels get `count` (the number of
 *   targets), so `copyKey_one` / `copyKey_other` pick the plural.
 * - `disabled` answers null when the item applies, else the reason it is greyed out (shown
 *   beside it in the page, in the label natively). Reuse the checks below (`oneItem`, `oneFile`,
 *   `capability('…')`, `all(…)`).
 * - `shortcut` is an Electron accelerator ("F2", "Delete", "Space"): a hint only (the list's
 *   own key handler does the work); its in-page text is `key.<accelerator>` in the catalogue.
 * - `shown: () => false` leaves it out entirely (only for what can never apply here).
 * - `SEPARATOR` draws a line (doubled, leading and trailing ones are dropped).
 * - `run` gets the target, the state when the menu opened, the store and `t`.
 */
import type { Capability } from '../../../shared/capabilities';
import { isFolderKey, parentPrefix } from '../../../shared/keys';
import { objectUrl } from '../../../shared/public-url';
import { openDelete, openDownload } from '../components/quicksync-actions';
import { openNewPair } from '../components/sync-actions';
import { selectHasBucketProperties, selectSelectedAccount } from '../store';
import { canOpenWithSystem } from '../store/edits-slice';
import type { SizeTarget } from '../store/sizes-slice';
import { describeTestResult } from '../view-model/account-form';
import { copyText } from './clipboard';
import { pickAndUpload } from './pick-upload';
import { SEPARATOR, type ActionContext, type MenuSpec, type TargetKind, type Text } from './types';

type Check<K extends TargetKind> = (c: ActionContext<K>) => Text | null;

/** The first reason any of the checks gives. */
const all =
  <K extends TargetKind>(...checks: Check<K>[]): Check<K> =>
  (c) => {
    for (const check of checks) {
      const reason = check(c);
      if (reason !== null) return reason;
    }
    return null;
  };

const reason = (key: string): Text => ({ key: `reason.${key}` });

/** The account the menu's target lives in. */
function accountOf(c: ActionContext): string | null {
  const t = c.target;
  if (t.kind === 'account' || t.kind === 'transfer') return t.kind === 'account' ? t.accountId : t.job.accountId;
  return c.state.accounts.selectedId;
}

/** Greyed out where the account's service lacks it (or answered NotSupported for it). */
const capability =
  <K extends TargetKind>(name: Capability): Check<K> =>
  (c) => {
    const accountId = accountOf(c);
    return accountId !== null && c.state.support.isSupported(accountId, name) ? null : reason('notSupported');
  };

const oneItem: Check<'objects'> = (c) => (c.target.keys.length === 1 ? null : reason('selectOne'));
const oneFile: Check<'objects'> = (c) =>
  c.target.keys.length === 1 && !c.target.keys.some(isFolderKey) ? null : reason('selectOneFile');
const oneFolder: Check<'objects'> = (c) =>
  c.target.keys.length === 1 && c.target.keys.every(isFolderKey) ? null : reason('selectOneFolder');
const noFolder =
  (why: string): Check<'objects'> =>
  (c) =>
    c.target.keys.some(isFolderKey) ? reason(why) : null;
const notSearching = <K extends TargetKind>(c: ActionContext<K>): Text | null =>
  c.state.objects.search !== null ? reason('searching') : null;

const firstKey = (c: ActionContext<'objects'>): string => c.target.keys[0] ?? '';
const desktopOnly: Check<'objects'> = (c) => (canOpenWithSystem(c.state.ui.info) ? null : reason('desktopOnly'));
const bucketShown = (c: ActionContext): string => c.state.objects.location?.bucket ?? '';
const s3Uri = (bucket: string, key: string): string => `s3://${bucket}/${key}`;
/** One folder is measured as that folder, anything else as the selection. */
const sizeTargetOf = (keys: string[]): SizeTarget =>
  keys.length === 1 && isFolderKey(keys[0] ?? '')
    ? { kind: 'folder', prefix: keys[0] ?? '' }
    : { kind: 'selection', keys };
const openDialog = (c: ActionContext, dialog: Parameters<ActionContext['state']['ui']['openDialog']>[0]): void =>
  c.store.getState().ui.openDialog(dialog);

export const OBJECT_MENU: MenuSpec<'objects'> = [
  {
    id: 'open',
    label: 'open',
    shortcut: 'Enter',
    disabled: oneItem,
    run: (c) => c.state.objects.activate(firstKey(c)),
  },
  {
    id: 'preview',
    label: 'preview',
    shortcut: 'Space',
    disabled: oneFile,
    run: (c) => c.state.preview.open(firstKey(c)),
  },
  {
    id: 'edit',
    label: 'edit',
    disabled: all(oneFile, desktopOnly, capability('editInPlace')),
    run: (c) => c.state.edits.edit(firstKey(c)),
  },
  SEPARATOR,
  {
    id: 'download',
    label: 'download',
    run: (c) => openDialog(c, { kind: 'download', keys: c.target.keys }),
  },
  {
    id: 'share',
    label: 'share',
    disabled: all(oneItem, noFolder('folderNoShare'), capability('share')),
    run: (c) => openDialog(c, { kind: 'share', key: firstKey(c) }),
  },
  SEPARATOR,
  { id: 'copyKey', label: 'copyKey', run: (c) => copyText(c, c.target.keys.join('\n')) },
  {
    id: 'copyUri',
    label: 'copyUri',
    run: (c) => copyText(c, c.target.keys.map((k) => s3Uri(bucketShown(c), k)).join('\n')),
  },
  {
    id: 'copyPublicUrl',
    label: 'copyPublicUrl',
    disabled: all(noFolder('folderNoUrl'), capability('buckets')),
    run: (c) => {
      const account = selectSelectedAccount(c.state);
      if (account === null) return;
      return copyText(c, c.target.keys.map((k) => objectUrl(account, bucketShown(c), k)).join('\n'));
    },
  },
  SEPARATOR,
  {
    id: 'rename',
    label: 'rename',
    shortcut: 'F2',
    disabled: all(oneItem, capability('copy')),
    run: (c) => openDialog(c, { kind: 'rename', key: firstKey(c) }),
  },
  {
    id: 'copyTo',
    label: 'copyTo',
    disabled: capability('copy'),
    run: (c) => openDialog(c, { kind: 'transfer', keys: c.target.keys, move: false }),
  },
  {
    id: 'moveTo',
    label: 'moveTo',
    disabled: capability('copy'),
    run: (c) => openDialog(c, { kind: 'transfer', keys: c.target.keys, move: true }),
  },
  {
    id: 'delete',
    label: 'delete',
    shortcut: 'Delete',
    danger: true,
    run: (c) => openDialog(c, { kind: 'deleteObjects', keys: c.target.keys }),
  },
  SEPARATOR,
  {
    id: 'showVersions',
    label: 'showVersions',
    disabled: all(oneFile, capability('versioning'), notSearching, (c) =>
      c.state.props.versionsShown ? reason('versionsShown') : null,
    ),
    run: (c) => c.state.props.showVersions(true),
  },
  {
    id: 'calculateSize',
    label: 'calculateSize',
    run: (c) => c.state.sizes.calculate(sizeTargetOf(c.target.keys)),
  },
  {
    id: 'syncFolder',
    label: 'syncFolder',
    disabled: oneFolder,
    run: (c) => openNewPair(c.store, firstKey(c)),
  },
  {
    id: 'properties',
    label: 'properties',
    disabled: oneItem,
    run: (c) => {
      // The details pane shows the focused item: focus that item, then move to the pane's open tab.
      c.state.objects.selectOnly(firstKey(c));
      const pane = document.querySelector<HTMLElement>('[data-details-pane]');
      (pane?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') ?? pane)?.focus();
    },
  },
];

/** The list's empty area: the folder shown. */
export const PLACE_MENU: MenuSpec<'place'> = [
  {
    id: 'newFolder',
    label: 'newFolder',
    disabled: all(capability('folders'), notSearching),
    run: (c) => openDialog(c, { kind: 'newFolder' }),
  },
  { id: 'uploadFiles', label: 'uploadFiles', run: (c) => pickAndUpload(c.store, false) },
  {
    id: 'uploadFolder',
    label: 'uploadFolder',
    disabled: capability('folders'),
    run: (c) => pickAndUpload(c.store, true),
  },
  SEPARATOR,
  { id: 'refresh', label: 'refresh', run: (c) => c.state.objects.refresh() },
  {
    id: 'calculateSize',
    label: 'calculateSize',
    run: (c) => {
      const prefix = c.state.objects.location?.prefix ?? '';
      return c.state.sizes.calculate(
        prefix === '' ? { kind: 'bucket', bucket: bucketShown(c) } : { kind: 'folder', prefix },
      );
    },
  },
  {
    id: 'copyUri',
    label: 'copyFolderUri',
    run: (c) => copyText(c, s3Uri(bucketShown(c), c.state.objects.location?.prefix ?? '')),
  },
  { id: 'syncFolder', label: 'syncFolder', run: (c) => openNewPair(c.store) },
  SEPARATOR,
  {
    id: 'bucketProperties',
    label: 'bucketProperties',
    disabled: (c) => (selectHasBucketProperties(c.state) ? null : reason('notSupported')),
    run: (c) => openDialog(c, { kind: 'bucketProperties', bucket: bucketShown(c) }),
  },
];

/** A bucket in the sidebar. */
export const BUCKET_MENU: MenuSpec<'bucket'> = [
  { id: 'open', label: 'open', run: (c) => c.state.buckets.select(c.target.bucket) },
  {
    id: 'calculateSize',
    label: 'calculateSize',
    run: (c) => c.state.sizes.calculate({ kind: 'bucket', bucket: c.target.bucket }),
  },
  SEPARATOR,
  {
    id: 'bucketProperties',
    label: 'bucketProperties',
    disabled: (c) => (selectHasBucketProperties(c.state) ? null : reason('notSupported')),
    run: (c) => openDialog(c, { kind: 'bucketProperties', bucket: c.target.bucket }),
  },
  {
    id: 'incompleteUploads',
    label: 'incompleteUploads',
    disabled: capability('multipartUploads'),
    run: (c) => openDialog(c, { kind: 'incompleteUploads', bucket: c.target.bucket }),
  },
  SEPARATOR,
  { id: 'copyName', label: 'copyName', run: (c) => copyText(c, c.target.bucket) },
  { id: 'copyUri', label: 'copyBucketUri', run: (c) => copyText(c, `s3://${c.target.bucket}/`) },
  SEPARATOR,
  {
    id: 'deleteBucket',
    label: 'deleteBucket',
    danger: true,
    run: (c) => openDialog(c, { kind: 'deleteBucket', bucket: c.target.bucket }),
  },
];

const isSandbox = (c: ActionContext<'account'>): boolean =>
  c.state.accounts.list.find((a) => a.id === c.target.accountId)?.kind === 'sandbox';

/** An account in the sidebar. */
export const ACCOUNT_MENU: MenuSpec<'account'> = [
  {
    id: 'open',
    label: 'open',
    run: (c) => (isSandbox(c) ? c.state.accounts.openSandbox() : c.state.accounts.select(c.target.accountId)),
  },
  {
    id: 'edit',
    label: 'editAccount',
    disabled: (c) => (isSandbox(c) ? reason('sandboxSettings') : null),
    run: (c) => openDialog(c, { kind: 'settings', edit: c.target.accountId }),
  },
  {
    id: 'testConnection',
    label: 'testConnection',
    run: async (c) => {
      const { accounts, ui } = c.store.getState();
      const kind = accounts.list.find((a) => a.id === c.target.accountId)?.kind;
      const result = await accounts.testConnection({ id: c.target.accountId });
      accounts.resetTest();
      ui.notify(result.ok ? 'info' : 'error', describeTestResult(result, kind));
    },
  },
  SEPARATOR,
  // Removing is confirmed in Settings, where each account's Remove asks first.
  {
    id: 'remove',
    label: 'removeAccount',
    danger: true,
    run: (c) => openDialog(c, { kind: 'settings', edit: null }),
  },
];

type JobCheck = Check<'transfer'>;
const inState =
  (states: readonly string[], why: string): JobCheck =>
  (c) =>
    states.includes(c.target.job.state) ? null : reason(why);
const control = (c: ActionContext<'transfer'>, action: 'pause' | 'resume' | 'retry' | 'cancel') =>
  c.state.transfers.control(action, { jobIds: [c.target.job.id] });

/** A job in the Transfers panel. */
export const TRANSFER_MENU: MenuSpec<'transfer'> = [
  {
    id: 'pause',
    label: 'pause',
    disabled: inState(['running', 'queued'], 'notRunning'),
    run: (c) => control(c, 'pause'),
  },
  { id: 'resume', label: 'resume', disabled: inState(['paused'], 'notPaused'), run: (c) => control(c, 'resume') },
  {
    id: 'retry',
    label: 'retry',
    disabled: inState(['failed', 'cancelled'], 'notFailed'),
    run: (c) => control(c, 'retry'),
  },
  {
    id: 'cancel',
    label: 'cancel',
    danger: true,
    disabled: inState(['running', 'queued', 'paused', 'conflict', 'failed'], 'finished'),
    run: (c) => control(c, 'cancel'),
  },
  SEPARATOR,
  {
    id: 'showInBucket',
    label: 'showInBucket',
    disabled: all(capability('buckets'), (c) =>
      c.target.job.accountId === c.state.accounts.selectedId ? null : reason('otherAccount'),
    ),
    run: (c) => {
      const { bucket, key } = c.target.job;
      c.state.objects.open(bucket, parentPrefix(key));
    },
  },
  { id: 'copyKey', label: 'copyKey', run: (c) => copyText(c, c.target.job.key) },
];

/** QuickSync files (their rows; download, delete and the name apply as for objects). */
export const FILES_MENU: MenuSpec<'files'> = [
  { id: 'download', label: 'download', run: (c) => openDownload(c.store, c.target.fileKeys) },
  {
    id: 'copyName',
    label: 'copyName',
    run: (c) => {
      const files = c.state.quicksync.files;
      const names = c.target.fileKeys.map((k) => files.find((f) => f.fileKey === k)?.name ?? k);
      return copyText(c, names.join('\n'));
    },
  },
  SEPARATOR,
  {
    id: 'delete',
    label: 'delete',
    shortcut: 'Delete',
    danger: true,
    run: (c) => openDelete(c.store, c.target.fileKeys),
  },
];

export const MENUS: { [K in TargetKind]: MenuSpec<K> } = {
  objects: OBJECT_MENU,
  place: PLACE_MENU,
  bucket: BUCKET_MENU,
  account: ACCOUNT_MENU,
  transfer: TRANSFER_MENU,
  files: FILES_MENU,
};
