/** How the page names a pair's two sides: the local folder's last segment, and the bucket folder (QuickSync: its files). */
import { useTranslation } from 'react-i18next';
import { capabilitiesOf } from '../../../shared/capabilities';
import type { SyncPair } from '../../../shared/sync';
import { useApp } from '../store';
import { folderName, remoteName } from '../view-model/sync-format';

export function usePairNames(pair: SyncPair | null): { folder: string; remote: string } {
  const kind = useApp((s) => s.accounts.list.find((a) => a.id === pair?.accountId)?.kind);
  const { t } = useTranslation('sync');
  if (pair === null) return { folder: '', remote: '' };
  const flat = kind !== undefined && !capabilitiesOf(kind).has('buckets');
  return { folder: folderName(pair.localFolder), remote: flat ? t('pair.quicksyncFiles') : remoteName(pair) };
}
