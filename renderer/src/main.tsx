/** Entry point: find the host bridge, build the store, render, then load the first screen. */
// The global sheet first: tokens and base primitives (in @layer base); component modules follow.
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getConnection, shareNativeStrings } from './api';
import { putStagedFile } from './api/stage-upload';
import { App } from './components/App';
import { desktopNotifier } from './platform/desktop-notifications';
import { startDownload } from './platform/download';
import { localPrefs } from './platform/prefs';
import './i18n';
import { createAppStore, StoreProvider } from './store';

const connection = getConnection();
// The Electron host's menu and dialogs speak the UI language too (none in the browser host).
shareNativeStrings(connection.api);
const store = createAppStore({
  api: connection.api,
  effects: { startDownload, putStagedFile, notify: desktopNotifier },
  prefs: localPrefs,
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App connection={connection} />
    </StoreProvider>
  </StrictMode>,
);
void store.getState().ui.boot();
