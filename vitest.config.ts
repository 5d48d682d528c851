import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

/**
 * One `vitest run` runs every suite, each in the environment of the runtime it tests:
 * shared/electron/server in Node, renderer in jsdom with fake-indexeddb, and the
 * end-to-end suite in Node driving real Chromium.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default', './test/plainSummaryReporter.ts'],
    projects: [
      { resolve: { alias }, test: { name: 'shared', environment: 'node', include: ['shared/**/*.test.ts'] } },
      { resolve: { alias }, test: { name: 'electron', environment: 'node', include: ['electron/**/*.test.ts'] } },
      {
        resolve: { alias },
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts'],
          // Migrates one PGlite database per run for every file to start from.
          globalSetup: ['server/test/globalSetup.ts'],
          // PGlite starts in ~1 s and real scrypt takes ~100 ms: generous, for a busy two-core machine.
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'sync',
          environment: 'node',
          include: ['test/sync/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
          globalSetup: ['server/test/globalSetup.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      { resolve: { alias }, test: { name: 'tooling', environment: 'node', include: ['test/lint/**/*.test.ts'], testTimeout: 30_000 } },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
          // The log's export builders run in the `exports` project (Node), not in jsdom.
          exclude: [...configDefaults.exclude, 'renderer/features/log/export/**'],
          setupFiles: ['renderer/test/setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          // The log's export builders are pure (bytes out), so they run in Node; the round trips
          // through LibreOffice and poppler (test/exports) need child processes, which jsdom tests lack.
          name: 'exports',
          environment: 'node',
          include: ['renderer/features/log/export/**/*.test.ts', 'test/exports/**/*.test.ts'],
          // A cold soffice start takes several seconds on a busy two-core machine.
          testTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
