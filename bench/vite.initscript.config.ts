import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The cold-start init script: one classic (IIFE) file, as page.addInitScript needs. */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  logLevel: 'warn',
  build: {
    outDir: here('./.results/init'),
    emptyOutDir: true,
    target: 'es2022',
    lib: { entry: here('./pages/coldProbe.ts'), formats: ['iife'], name: 'deskColdProbe', fileName: () => 'coldProbe.js' },
  },
});
