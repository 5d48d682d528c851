import { fileURLToPath } from 'node:url';

/** Where things are, from the repository root. */
const at = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export const REPO = at('');
export const WEB_ROOT = at('dist/web');
export const RESULTS = at('bench/.results');
export const BENCH_PAGES = at('bench/.results/pages');
export const COLD_PROBE = at('bench/.results/init/coldProbe.js');
export const PROFILES = at('bench/.results/profile');
export const LATEST_JSON = at('bench/.results/latest.json');
export const WEB_SOURCES = ['renderer', 'shared', 'package.json', 'package-lock.json'].map(at);
export const RENDERER_VITE_CONFIG = at('renderer/vite.config.ts');
export const BENCH_VITE_CONFIG = at('bench/vite.config.ts');
export const BENCH_INITSCRIPT_CONFIG = at('bench/vite.initscript.config.ts');
export const POUCH_CACHE = at('bench/.cache/pouchdb');
