import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * The migrations are read from disk next to the running code (server/db/migrate.ts), so the
 * build puts a copy beside the bundle; they are never edited once published, and a stale
 * copy would be refused by its checksum anyway.
 */
function copyMigrations(): Plugin {
  return {
    name: 'desk-copy-migrations',
    buildStart() {
      // The previous build's files (chunk names carry hashes, so they would pile up).
      if (!existsSync(root('dist'))) return;
      for (const file of readdirSync(root('dist'), { withFileTypes: true })) {
        if (file.isFile() && /^server(-.+)?\.js(\.map)?$/.test(file.name)) rmSync(root(`dist/${file.name}`));
      }
    },
    closeBundle() {
      rmSync(root('dist/migrations'), { recursive: true, force: true });
      cpSync(root('server/db/migrations'), root('dist/migrations'), { recursive: true });
    },
  };
}

/**
 * The production build of the sync server (`npm run build:server`): one ES module,
 * dist/server.js, run by plain node. Running the TypeScript through tsx instead costs the
 * server ~55 MB of memory and a quarter of its CPU on a 1M-row export (bench/RESULTS.md §7.2).
 * Packages stay external (node_modules is there at run time); dist/ sits one level under the
 * project, like server/, so the bundle finds dist/web (and the sources' relative paths hold).
 * Not out/: that is the desktop app's, which electron-builder packs whole.
 */
export default defineConfig({
  root: root(''),
  resolve: { alias: { '@shared': root('shared') } },
  plugins: [copyMigrations()],
  build: {
    ssr: root('server/main.ts'),
    outDir: root('dist'),
    emptyOutDir: false,
    target: 'node20',
    sourcemap: true,
    minify: false,
    // The lazily imported PGlite wrapper is a chunk beside it (inlined, it would be defined
    // after the top-level code that starts the server needs it).
    rollupOptions: { output: { format: 'es', entryFileNames: 'server.js', chunkFileNames: 'server-[name]-[hash].js' } },
  },
});
