// Bundles the Electron host: main (ESM), the sandboxed preload (CJS: sandboxed preloads
// cannot be ES modules) and the renderer (same settings as vite.config.ts) into out/.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

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
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      target: 'chrome120',
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
