/**
 * `npm run bench:logview`: the managers' log view in real Chromium over 1,000,000 entries.
 *
 * Seeds log_entries on real PostgreSQL (bench/export/seedLog.ts) in a database of its own,
 * starts the real server on it (serving dist/web, built first if missing), logs in as an
 * admin in headless Chromium, opens the log, then changes one filter at a time (outcome,
 * channel, entry) and times, in the page, from the select's change event to the frame after
 * the list shows rows that all match the new filter. Goal (issue 5): ≤ 200 ms.
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL. Options: --rows 1000000 --rounds 5 --keep.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { hashPassword } from '../server/auth/passwordHash';
import { addStaff } from '../server/accounts/staffAccounts';
import { createBranch } from '../server/accounts/branchAccounts';
import { migrate } from '../server/db/migrate';
import { openDatabase } from '../server/db/openDatabase';
import { assertChromium, CHROMIUM_PATH } from './node/browser';
import { seedLogRows } from './export/seedLog';
import { summarize } from './shared/stats';

const BASE = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!BASE) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server where the bench may create a database');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg('rows', '1000000'));
const ROUNDS = Number(arg('rounds', '5'));
const PORT = 19_000 + (process.pid % 1000);
const DB_NAME = 'desk_bench_logview';
const PASSWORD = 'a long bench password';
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), `load ${load()}`, ...a);

function dbUrl(): string {
  const u = new URL(BASE!);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
}

async function adminSql(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: dbUrl(), PORT: String(PORT), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the server did not start');
}

/** The changes timed, each with the column that must show the chosen label in every row. */
const CHANGES: Array<{ select: string; label: string; column: number }> = [
  { select: 'Outcome', label: 'Reached', column: 2 },
  { select: 'Outcome', label: 'Declined', column: 2 },
  { select: 'Outcome', label: 'No answer', column: 2 },
  { select: 'Channel', label: 'Email', column: 4 },
  { select: 'Channel', label: 'Letter', column: 4 },
  { select: 'Entry', label: 'Done', column: 1 },
  { select: 'Entry', label: 'Snoozed', column: 1 },
];

async function main(): Promise<void> {
  assertChromium();
  if (!existsSync('dist/web/index.html')) {
    log('building dist/web');
    if (spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' }).status !== 0) throw new Error('build:web failed');
  }
  await adminSql(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await adminSql(`CREATE DATABASE ${DB_NAME}`);
  const db = await openDatabase({ kind: 'postgres', url: dbUrl() });
  let server: ChildProcess | undefined;
  try {
    await migrate(db);
    const branches: string[] = [];
    for (let i = 1; i <= 6; i += 1) branches.push((await createBranch(db, null, `Branch ${i}`)).id);
    const hash = await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 });
    await db.transaction((tx) => addStaff(tx, null, { username: 'benchadmin', displayName: 'Bench admin', role: 'admin', branchIds: [] }, hash));
    const t0 = performance.now();
    for (let from = 1; from <= ROWS; from += 250_000) await seedLogRows(db, from, Math.min(ROWS, from + 249_999), ROWS, branches);
    await db.query('VACUUM ANALYZE log_entries');
    log(`seeded ${ROWS} entries in ${Math.round((performance.now() - t0) / 1000)} s`);
    server = await startServer();

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByLabel("This desk's name").fill('Bench office');
    await page.getByLabel('Username').fill('benchadmin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('search').waitFor();
    await page.goto(`http://127.0.0.1:${PORT}/#/log`);
    await page.getByText(/^[\d,]+ entries$/).waitFor({ timeout: 60_000 });
    log('log open:', await page.getByText(/^[\d,]+ entries$/).innerText());

    // In the page: t0 at the select's change event; done at the first frame after every shown row matches.
    await page.evaluate(() => {
      const w = window as unknown as { armLogTiming: (column: number, label: string) => Promise<number> };
      w.armLogTiming = (column, label) =>
        new Promise((resolve) => {
          let t0: number | undefined;
          const onChange = () => (t0 ??= performance.now());
          document.addEventListener('change', onChange, { capture: true, once: true });
          const table = document.querySelector('[role="table"][aria-label="Follow-up log"]')!;
          const check = () => {
            if (t0 === undefined) return;
            const rows = [...table.querySelectorAll('[role="row"]:not([aria-rowindex="1"])')];
            const cells = rows.map((r) => r.querySelectorAll('[role="cell"]')[column]?.textContent);
            if (cells.length > 0 && cells.every((c) => c === label)) {
              observer.disconnect();
              const start = t0;
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(table, { childList: true, subtree: true, characterData: true });
        });
    });

    const samples: Record<string, number[]> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const change of CHANGES) {
        // Back to "any" for this box first (untimed), so each timed change starts from a wide list.
        await page.getByLabel(change.select).selectOption({ index: 0 });
        await page.waitForTimeout(300);
        const timing = page.evaluate(([c, l]) => (window as unknown as { armLogTiming: (column: number, label: string) => Promise<number> }).armLogTiming(c, l), [change.column, change.label] as const);
        await page.getByLabel(change.select).selectOption({ label: change.label });
        const ms = await timing;
        (samples[`${change.select}: ${change.label}`] ??= []).push(ms);
        await page.waitForTimeout(200);
      }
      log(`round ${round + 1}/${ROUNDS}`);
    }
    await browser.close();
    const all = Object.values(samples).flat();
    const overall = summarize(all);
    console.log(`\nLog view, ${ROWS.toLocaleString()} entries: filter change → matching rows painted (ms)`);
    for (const [name, s] of Object.entries(samples)) {
      const x = summarize(s);
      console.log(`  ${name.padEnd(22)} p50 ${x.p50.toFixed(0).padStart(5)}  p95 ${x.p95.toFixed(0).padStart(5)}  max ${x.max.toFixed(0).padStart(5)}  (n=${s.length})`);
    }
    console.log(`  all                    p50 ${overall.p50.toFixed(0).padStart(5)}  p95 ${overall.p95.toFixed(0).padStart(5)}  max ${overall.max.toFixed(0).padStart(5)}  (n=${all.length})   goal ≤ 200 ms`);
  } finally {
    if (server) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await db.close();
    if (!process.argv.includes('--keep')) await adminSql(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

await main();
