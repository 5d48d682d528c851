import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { BENCH_INITSCRIPT_CONFIG, BENCH_VITE_CONFIG, RENDERER_VITE_CONFIG, WEB_ROOT, WEB_SOURCES } from './paths';

/** Newest modification time under the given files/folders (tests excluded: not in the bundle). */
function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isFile()) {
      newest = Math.max(newest, stat.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || /\.test\.tsx?$/.test(entry.name)) continue;
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

export interface BuildReport {
  webBuilt: boolean;
  webReason: string;
  webMs: number;
  benchPagesMs: number;
}

/** `npm run build:web` (same config) when dist/web is missing or older than its sources; always the bench pages. */
export async function buildAll(): Promise<BuildReport> {
  const index = join(WEB_ROOT, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = newestMtime(WEB_SOURCES);
  const webReason = builtAt === 0 ? 'dist/web missing' : sourcesAt > builtAt ? 'sources newer than dist/web' : 'dist/web up to date';
  let webMs = 0;
  if (builtAt === 0 || sourcesAt > builtAt) {
    const t0 = performance.now();
    await build({ configFile: RENDERER_VITE_CONFIG, logLevel: 'error' });
    webMs = performance.now() - t0;
  }
  const t0 = performance.now();
  await build({ configFile: BENCH_VITE_CONFIG, logLevel: 'error' });
  await build({ configFile: BENCH_INITSCRIPT_CONFIG, logLevel: 'error' });
  return { webBuilt: webMs > 0, webReason, webMs, benchPagesMs: performance.now() - t0 };
}
