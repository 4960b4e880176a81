// Bundles the Electron host: main (ESM), the sandboxed preload (CJS: sandboxed preloads
// cannot be ES modules) and the renderer (same settings as vite.config.ts) into out/.
// The Electron renderer goes to out/electron-renderer, not the browser host's out/renderer:
// its meta CSP allows no connections at all, which would cut the browser host's WebSocket.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { electronCsp, withMetaCsp } from './electron/main/csp';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // The transfer worker is its own entry: worker-pool.ts starts ./transfer-worker.js beside index.js.
        input: {
          index: resolve('electron/main/index.ts'),
          'transfer-worker': resolve('electron/worker/transfer-worker.ts'),
        },
        // Shared chunks beside the entries too, so `new URL('./transfer-worker.js', import.meta.url)`
        // holds whichever file the worker pool lands in.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [
      react(),
      {
        name: 'electron-meta-csp',
        // The dev server gets the dev policy (HMR needs inline code and its WebSocket).
        transformIndexHtml: (html, ctx) => withMetaCsp(html, electronCsp(ctx.server !== undefined)),
      },
    ],
    build: {
      outDir: 'out/electron-renderer',
      target: 'chrome120',
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
