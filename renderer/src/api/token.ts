/**
 * The browser host's access token. It arrives once in the URL fragment (#token=…), which
 * browsers never send to servers; we keep it for this tab only and wipe it from the address
 * bar so it does not end up in screenshots, history or bookmarks.
 */
export const TOKEN_STORAGE_KEY = 'qstorage.token';

export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Reads the token from the fragment (then removes it) or from session storage; null when absent. */
export function takeAccessToken(env: TokenEnvironment): string | null {
  const fromHash = tokenFromHash(env.location.hash);
  if (fromHash !== null) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search);
    return fromHash;
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY);
}

/** The `token` parameter of a `#token=…&…` fragment, if it looks like one (hex only). */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token !== null && /^[0-9a-fA-F]{16,256}$/.test(token) ? token : null;
}
