import { spawn, type ChildProcess } from 'node:child_process';
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
 * Starts the real server (`node --import tsx server/main.ts`, as `npm run server` does) on a
 * database and port; resolves once /health answers. BENCH_SERVER_ENTRY names a compiled
 * server to run with plain node instead (e.g. an esbuild bundle of server/main.ts), to
 * measure the server without the TypeScript loader. BENCH_SERVER_NODE_ARGS adds node options
 * to the server's command line only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
export async function startServer(databaseUrlForServer: string, port: number): Promise<ChildProcess> {
  const entry = process.env.BENCH_SERVER_ENTRY;
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...(entry ? [entry] : ['--import', 'tsx', 'server/main.ts'])], {
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
