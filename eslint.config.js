// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'module', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'v8', 'vm',
  'worker_threads', 'zlib',
];

/**
 * The dependency rule (docs/architecture.md): electron/, renderer/ and server/ import only
 * shared/ and their own runtime; shared/ imports none of them and no runtime at all.
 * Each entry: the folder, the sibling folders it must not reach, and the packages it must not use.
 */
const layers = [
  {
    folder: 'shared',
    folders: ['electron', 'renderer', 'server'],
    packages: ['electron', 'dexie', 'dexie-react-hooks', 'react', 'react-dom', 'zustand', 'fastify', '@fastify/*', 'pg', '@electric-sql/*', 'node:*', ...NODE_BUILTINS],
  },
  {
    folder: 'renderer',
    folders: ['electron', 'server'],
    packages: ['electron', 'fastify', '@fastify/*', 'pg', '@electric-sql/*', 'node:*', ...NODE_BUILTINS],
  },
  { folder: 'electron', folders: ['renderer', 'server'], packages: ['react', 'react-dom', 'dexie', 'dexie-react-hooks', 'fastify', 'pg'] },
  { folder: 'server', folders: ['renderer', 'electron'], packages: ['electron', 'react', 'react-dom', 'dexie', 'dexie-react-hooks'] },
];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export const boundaryRules = layers.map(({ folder, folders, packages }) => {
  const exact = packages.filter((p) => !p.endsWith('*'));
  const prefixes = packages.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  const message = `${folder}/ may import only shared/ and what its own runtime has (the dependency rule in docs/architecture.md).`;
  return {
    files: [`${folder}/**/*.{ts,tsx}`],
    ignores: folder === 'renderer' ? ['renderer/vite.config.ts'] : [],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: exact.map((name) => ({ name, message })),
          patterns: [
            // A relative path that climbs into a sibling top-level folder.
            { regex: `^(\\.\\.?/)+(.*/)?(${folders.join('|')})(/|$)`, message },
            ...(prefixes.length ? [{ regex: `^(${prefixes.map(escape).join('|')})`, message }] : []),
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'bench/.results/', 'bench/.cache/', 'coverage/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...boundaryRules,
);
