import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertChromiumInstalled } from './chromium';

/** Staff accounts the end-to-end tests log in with (made before any test runs). */
export interface E2eAccounts {
  admin: { username: string; password: string; displayName: string };
  desk: { username: string; password: string; displayName: string };
  manager: { username: string; password: string; displayName: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    accounts: E2eAccounts;
  }
}

const ACCOUNTS: E2eAccounts = {
  admin: { username: 'e2e-admin', password: 'Quiet-Reading-Room-71', displayName: 'Alex Admin' },
  desk: { username: 'e2e-desk', password: 'Tidy-Desk-Lamp-42', displayName: 'Dana Desk' },
  manager: { username: 'e2e-manager', password: 'Careful-Ledger-Owl-58', displayName: 'Mia Manager' },
};

async function api<T>(url: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The first admin through the documented command line, then a desk user in its branch through the API. */
async function createAccounts(url: string): Promise<void> {
  const login = await api<{ token: string; staff: { branchIds: string[] } }>(url, '/api/auth/login', { username: ACCOUNTS.admin.username, password: ACCOUNTS.admin.password });
  await api(url, '/api/staff', { ...ACCOUNTS.desk, role: 'desk', branchIds: login.staff.branchIds }, login.token);
  await api(url, '/api/staff', { ...ACCOUNTS.manager, role: 'manager', branchIds: login.staff.branchIds }, login.token);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run web exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`npm run web did not answer on ${url} within ${timeoutMs / 1000}s:\n${log()}`);
}

/** Runs the real `npm run web` (build + serve) once for the end-to-end suite, on a free port and a fresh data folder. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromiumInstalled();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  // Its own embedded database, so a run never reads or leaves data in the project's ./data.
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-'));
  const env = { ...process.env, PORT: String(port), DESK_DATA_DIR: dataDir, DATABASE_URL: '' };
  // Before the server starts: the embedded database serves one process at a time.
  execFileSync('npm', ['run', 'server', '--', 'create-admin', '--username', ACCOUNTS.admin.username, '--name', ACCOUNTS.admin.displayName, '--branch', 'E2E library'], {
    env: { ...env, DESK_ADMIN_PASSWORD: ACCOUNTS.admin.password },
    stdio: 'pipe',
  });
  const child = spawn('npm', ['run', 'web'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitForHealth(url, child, () => output.slice(-4000), 120_000);
  await createAccounts(url);
  project.provide('baseUrl', url);
  project.provide('accounts', ACCOUNTS);
  return async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
