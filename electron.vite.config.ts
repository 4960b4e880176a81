// Bundles the Electron host: main (ESM) with the transfer worker beside it, the sandboxed preload
// (CJS: sandboxed preloads cannot be ES modules) and the one renderer build, out/renderer, which
// both hosts serve: Electron over app:// with its CSP as a header (electron/main/app-protocol.ts),
// the browser host over HTTP with its own. The browser host's bundle: vite.web.config.ts.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { sandboxSamplesPlugin } from './electron/core/sandbox-samples';
import { electronCsp, withMetaCsp } from './electron/main/csp';

export default defineConfig({
  main: {
    // The local sandbox's sample files, read beside the bundle at run time.
    plugins: [sandboxSamplesPlugin(resolve('electron/core/sandbox-samples'))],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // The transfer worker is its own entry: main/index.ts starts ./transfer-worker.js beside index.js.
        input: {
          index: resolve('electron/main/index.ts'),
          'transfer-worker': resolve('electron/worker/transfer-worker.ts'),
        },
        // Shared chunks beside the entries too.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'shared-[hash].js' },
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
        // Only the dev server: HMR needs inline code and its WebSocket, which the page's own meta
        // (the browser host's policy) would refuse. Built pages keep that meta, and Electron adds
        // its stricter header; the browser enforces both.
        name: 'electron-dev-meta-csp',
        apply: 'serve',
        transformIndexHtml: (html) => withMetaCsp(html, electronCsp(true)),
      },
    ],
    // Module workers (Quick Look's highlighter) load their grammars as chunks of their own.
    worker: { format: 'es' },
    build: {
      outDir: 'out/renderer',
      target: 'chrome120',
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
