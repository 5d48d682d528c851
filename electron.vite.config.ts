import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Rollup } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@shared': resolve(root, 'shared') };

/**
 * electron-vite 6 reads bundler options from `build.rolldownOptions` (Vite 8's name) and copies
 * them over `rollupOptions` for Vite 7, so options under `rollupOptions` would be lost; Vite 7's
 * types do not know the new name, hence this one untyped spread.
 */
function rolldownOptions(options: Rollup.RollupOptions): object {
  return { rolldownOptions: options };
}

/**
 * Three bundles for the desktop app, written to electron-vite's default out/main, out/preload
 * and out/renderer (left implicit so `--outDir` still works).
 */
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // Bundle zod and shared/ into out/main/index.js so the packaged app needs no node_modules.
      externalizeDeps: false,
      // ESM (package.json is "type": "module"), written as out/main/index.js = package.json "main".
      ...rolldownOptions({ input: { index: resolve(root, 'electron/main/index.ts') } }),
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload can require only 'electron' (and a few polyfilled built-ins), and
      // cannot be an ES module: so one self-contained CommonJS file.
      externalizeDeps: false,
      ...rolldownOptions({
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      }),
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      ...rolldownOptions({ input: resolve(root, 'renderer/index.html') }),
    },
  },
});
