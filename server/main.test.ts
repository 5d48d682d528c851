import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { ListBranchesResponse } from '@shared/api/branches';
import type { LoginResponse } from '@shared/api/auth';
import { describeEachDatabase, type TestDatabase } from './test/testDatabases';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const PASSWORD = 'the first admin password';

function envFor(database: TestDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const location = database.location;
  const { DATABASE_URL: _url, DESK_DATA_DIR: _dir, DESK_ADMIN_PASSWORD: _password, ...env } = process.env;
  return {
    ...env,
    ...(location.kind === 'postgres' ? { DATABASE_URL: location.url } : location.kind === 'pglite' ? { DESK_DATA_DIR: location.dataDir } : {}),
    DESK_WEB_ROOT: '/nonexistent',
    ...extra,
  };
}

interface Run {
  code: number | null;
  output: string;
}

/** `npm run server -- <args>` as a child process; resolves when it exits. */
function runServer(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['server/main.ts', ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdin.end(stdin ?? '');
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describeEachDatabase(
  'npm run server',
  (database) => {
    it('create-admin makes the first admin and branch; the server serves them, and stops cleanly on SIGTERM', async () => {
      const weak = await runServer(['create-admin', '--username', 'alice', '--name', 'Alice Admin', '--branch', 'Main library'], envFor(database, { DESK_ADMIN_PASSWORD: 'short' }));
      expect(weak.code).toBe(2);
      expect(weak.output).toContain('Password refused: Use at least 10 characters');

      const missing = await runServer(['create-admin', '--username', 'alice'], envFor(database));
      expect(missing.code).toBe(2);
      expect(missing.output).toContain('create-admin needs --name, --branch');

      const created = await runServer(['create-admin', '--username', 'alice', '--name', 'Alice Admin', '--branch', 'Main library'], envFor(database, { DESK_ADMIN_PASSWORD: PASSWORD }));
      expect(created.output).toContain('Created administrator alice (Alice Admin) in the new branch "Main library".');
      expect(created.code).toBe(0);

      // The password can come on stdin too (not a terminal here, so no prompt); the branch is found case-insensitively.
      const piped = await runServer(['create-admin', '--username', 'bob', '--name', 'Bob Admin', '--branch', 'MAIN LIBRARY'], envFor(database), `${PASSWORD} too\n`);
      expect(piped.output).toContain('Created administrator bob (Bob Admin) in the branch "Main library".');

      const again = await runServer(['create-admin', '--username', 'ALICE', '--name', 'Alice', '--branch', 'Elsewhere'], envFor(database, { DESK_ADMIN_PASSWORD: PASSWORD }));
      expect(again.code).toBe(2);
      expect(again.output).toContain('There is already a staff member with the username "ALICE".');

      const server = spawn(TSX, ['server/main.ts'], { cwd: ROOT, env: envFor(database, { PORT: '0', LOG_LEVEL: 'info' }), stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      server.stderr.on('data', (d: Buffer) => (log += d.toString()));
      const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
      const base = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          log += d.toString();
          const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
          if (match) resolve(match[1]!);
        });
        void exited.then((code) => reject(new Error(`server exited with ${code}:\n${log}`)));
      });
      try {
        expect((await fetch(`${base}/health`)).status).toBe(200);
        const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: PASSWORD }) });
        expect(login.status).toBe(200);
        const { token } = (await login.json()) as LoginResponse;
        const branches = (await (await fetch(`${base}/api/branches`, { headers: { authorization: `Bearer ${token}` } })).json()) as ListBranchesResponse;
        // The refused create-admin runs left nothing behind: one branch.
        expect(branches.branches.map((b) => b.name)).toEqual(['Main library']);

        if (database.driver === 'pglite') {
          const locked = await runServer(['create-admin', '--username', 'carol', '--name', 'Carol', '--branch', 'Main library'], envFor(database, { DESK_ADMIN_PASSWORD: PASSWORD }));
          expect(locked.code).toBe(1);
          expect(locked.output).toMatch(/Another Desk Diary process \(pid \d+\) is using the data folder/);
        }

        server.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(log).toContain('"msg":"shutting down: finishing requests in flight"');
        expect(log).toContain('"msg":"stopped"');
        expect(log).not.toContain(PASSWORD);
        expect(log).not.toContain(token);
      } finally {
        if (server.exitCode === null) server.kill('SIGKILL');
      }
    }, 180_000);
  },
  { open: false },
);
