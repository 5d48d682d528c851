import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@shared': resolve(root, 'shared') };

/**
 * Three bundles for the desktop app, written to electron-vite's default out/main, out/preload
 * and out/renderer (left implicit so `--outDir` still works). electron-vite 6 reads
 * `rolldownOptions` (and copies them to `rollupOptions` for Vite 7), so options set under
 * `rollupOptions` here would be lost.
 */
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // Bundle zod and shared/ into out/main/index.js so the packaged app needs no node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        // ESM (package.json is "type": "module"), written as out/main/index.js = package.json "main".
        input: { index: resolve(root, 'electron/main/index.ts') },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload can require only 'electron' (and a few polyfilled built-ins), and
      // cannot be an ES module: so one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
