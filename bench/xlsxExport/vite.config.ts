import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The export bench page: the app's real export builders, bundled as the app bundles them (exceljs's browser build). */
export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  resolve: { alias: { '@shared': here('../../shared') } },
  build: { outDir: here('../.results/xlsx-export-page'), emptyOutDir: true, target: 'es2022', rollupOptions: { input: here('./page.html') } },
});
