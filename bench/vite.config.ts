import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { BENCH_BASE } from './shared/constants';

/**
 * The bench pages (seeding, write rates, query baselines, bare cold start, and the probe
 * the type-ahead bench loads into the app), built into bench/.results/pages and served by
 * bench/node/server.ts at /__bench/ on the app's origin so they share its IndexedDB.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./pages'),
  base: BENCH_BASE,
  logLevel: 'warn',
  resolve: { alias: { '@shared': here('../shared') } },
  build: {
    outDir: here('./.results/pages'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { bench: here('./pages/bench.html'), bare: here('./pages/bare.html'), probe: here('./pages/probe.ts') },
      // Fixed entry names: run.ts imports /__bench/assets/probe.js into the app page.
      output: { entryFileNames: 'assets/[name].js', chunkFileNames: 'assets/[name]-[hash].js' },
    },
  },
});
