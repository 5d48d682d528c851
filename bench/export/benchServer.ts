import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';

/** A database of the bench's own on the PostgreSQL server at `base` (same server, another name). */
export function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the server's default database (CREATE / DROP DATABASE). */
export async function adminSql(base: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * Starts the real server as `npm run server` does (built into dist/server.js, run by plain
 * node) on a database and port; resolves once /health answers. BENCH_SERVER_ENTRY names
 * another entry to run instead: `server/main.ts` runs the sources through tsx (how the
 * server ran before it was built, §7.2), any other file is run by plain node. BENCH_SERVER_NODE_ARGS adds node options
 * to the server's command line only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
export async function startServer(databaseUrlForServer: string, port: number): Promise<ChildProcess> {
  const entry = process.env.BENCH_SERVER_ENTRY;
  if (!entry) execFileSync('npm', ['run', '-s', 'build:server'], { stdio: 'inherit' });
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const command = !entry ? ['dist/server.js'] : entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  const child = spawn(process.execPath, [...nodeArgs, ...command], {
    env: { ...process.env, DATABASE_URL: databaseUrlForServer, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the server did not start');
}

/** Stops it gracefully and waits for the exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
