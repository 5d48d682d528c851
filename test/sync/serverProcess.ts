import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DatabaseLocation } from '../../server/db/openDatabase';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A `npm run server` process on a database that outlives it. */
export interface ServerProcess {
  baseUrl: string;
  /** Everything it wrote so far (pino JSON lines). */
  log(): string;
  /** Resolves when a log line matching `pattern` appears after this call (or already has, from `from`). */
  waitForLog(pattern: RegExp, from?: number): Promise<void>;
  /** SIGKILL: no shutdown hooks, no finishing requests; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown; resolves with the exit code. */
  stop(): Promise<number | null>;
}

function envFor(location: DatabaseLocation): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, DESK_DATA_DIR: _dir, ...env } = process.env;
  return {
    ...env,
    ...(location.kind === 'postgres' ? { DATABASE_URL: location.url } : location.kind === 'pglite' ? { DESK_DATA_DIR: location.dataDir } : {}),
    DESK_WEB_ROOT: '/nonexistent',
    PORT: '0',
    LOG_LEVEL: 'info',
  };
}

/**
 * Starts server/main.ts in one Node process (tsx as a loader, not the tsx CLI: the CLI runs
 * the server in a child process of its own, so a SIGKILL would hit the wrapper and leave the
 * server running, still holding PGlite's data folder).
 */
export async function startServerProcess(location: DatabaseLocation): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: envFor(location), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A test that times out never reaches its finally: the server must not outlive the test worker.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  void exited.then(() => process.off('exit', reap));

  const waitForLog = (pattern: RegExp, from = output.length) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output.slice(from))) {
          waiters.delete(check);
          resolve();
        }
      };
      waiters.add(check);
      void exited.then((code) => {
        if (waiters.delete(check)) reject(new Error(`server exited with ${code} before logging ${pattern}:\n${output.slice(-3000)}`));
      });
      check();
    });

  await waitForLog(/Server listening at http:\/\/127\.0\.0\.1:\d+/, 0);
  const baseUrl = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
  return {
    baseUrl,
    log: () => output,
    waitForLog,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
