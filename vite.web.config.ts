// Bundles the browser host into out/web/: cli.js (what `npm run web` runs) and the transfer
// worker beside it as transfer-worker.js. ESM for Node 20; packages stay imports of node_modules
// (an SSR build externalises them), so at run time only package.json's dependencies are needed.
// The renderer it serves is electron-vite's out/renderer (electron.vite.config.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { sandboxSamplesPlugin } from './electron/core/sandbox-samples';

/** A file of this checkout, wherever the build is started from. */
const source = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/** A Node program bundled as the browser host is (bench/bench-host.ts bundles its core host so). */
export function nodeBundle(input: Record<string, string>, outDir: string): UserConfig {
  return {
    // The checkout, whose package.json tells which imports are packages (kept external).
    root: source('.'),
    publicDir: false,
    // The local sandbox's sample files, read beside the bundle at run time.
    plugins: [sandboxSamplesPlugin(source('./electron/core/sandbox-samples'))],
    ssr: { target: 'node' },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rolldownOptions: {
        input: { ...input, 'transfer-worker': source('./electron/worker/transfer-worker.ts') },
        // Shared code beside the entries, so paths relative to import.meta.url hold in all of them.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'shared-[hash].js' },
      },
    },
  };
}

export default defineConfig(nodeBundle({ cli: source('./electron/web/cli.ts') }, source('./out/web')));
