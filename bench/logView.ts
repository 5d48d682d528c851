/**
 * `npm run bench:logview`: the managers' log view in real Chromium over 1,000,000 entries.
 *
 * Seeds log_entries on real PostgreSQL (bench/export/seedLog.ts) in a database of its own,
 * starts the real server on it (serving dist/web, built first if missing), logs in as an
 * admin in headless Chromium, opens the log, then changes one filter at a time (outcome,
 * channel, entry) and times from the change to the first frame in which every row shown
 * matches the new filter. Goal (issue 5): ≤ 200 ms.
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL. Options: --rows 1000000 --rounds 5 --keep.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { hashPassword } from '../server/auth/passwordHash';
import { addStaff } from '../server/accounts/staffAccounts';
import { createBranch } from '../server/accounts/branchAccounts';
import { migrate } from '../server/db/migrate';
import { openDatabase } from '../server/db/openDatabase';
import { assertChromium, CHROMIUM_PATH } from './node/browser';
import { adminSql, databaseUrl, startServer, stopServer } from './export/benchServer';
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

const dbUrl = () => databaseUrl(BASE!, DB_NAME);
const adminSqlHere = (sql: string) => adminSql(BASE!, sql);

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

/**
 * In the page (a string: tsx would wrap a function passed to evaluate in helpers the page
 * does not have): every shown row of the log has this text in this column.
 */
const allRowsShow = (column: number, label: string) => `(() => {
  const table = document.querySelector('[role="table"][aria-label="Follow-up log"]');
  const rows = [...table.querySelectorAll('[role="row"]:not([aria-rowindex="1"])')];
  const cells = rows.map((r) => r.querySelectorAll('[role="cell"]')[${column}]?.textContent);
  return cells.length > 0 && cells.every((c) => c === ${JSON.stringify(label)});
})()`;

async function main(): Promise<void> {
  assertChromium();
  if (!existsSync('dist/web/index.html')) {
    log('building dist/web');
    if (spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' }).status !== 0) throw new Error('build:web failed');
  }
  await adminSqlHere(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await adminSqlHere(`CREATE DATABASE ${DB_NAME}`);
  const db = await openDatabase({ kind: 'postgres', url: dbUrl() });
  let server: ChildProcess | undefined;
  try {
    await migrate(db);
    const branches: string[] = [];
    for (let i = 1; i <= 6; i += 1) branches.push((await createBranch(db, null, `Branch ${i}`)).id);
    const hash = await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 });
    await db.transaction((tx) => addStaff(tx, null, { username: 'benchadmin', displayName: 'Bench admin', role: 'admin', branchIds: [branches[0]!] }, hash));
    const t0 = performance.now();
    for (let from = 1; from <= ROWS; from += 250_000) await seedLogRows(db, from, Math.min(ROWS, from + 249_999), ROWS, branches);
    await db.query('VACUUM ANALYZE log_entries');
    log(`seeded ${ROWS} entries in ${Math.round((performance.now() - t0) / 1000)} s`);
    server = await startServer(dbUrl(), PORT);

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    // bypassCSP: the app forbids eval; the bench's frame-by-frame check needs it (the app's own code is unchanged).
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByLabel("This desk's name").fill('Bench office');
    await page.getByLabel('Username').fill('benchadmin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    // An admin works in every branch, so the desk asks which one it is in.
    await page.getByRole('button', { name: 'Branch 1', exact: true }).click();
    await page.getByRole('search').waitFor().catch(async (err: unknown) => {
      throw new Error(`login did not reach the desk; the page says:\n${await page.locator('body').innerText()}`, { cause: err });
    });
    await page.goto(`http://127.0.0.1:${PORT}/#/log`);
    await page.getByText(/^[\d,]+ entries$/).waitFor({ timeout: 60_000 });
    log('log open:', await page.getByText(/^[\d,]+ entries$/).innerText());

    const samples: Record<string, number[]> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const change of CHANGES) {
        // Back to no filter first (untimed), so each timed change narrows the whole log.
        await page.getByRole('button', { name: 'Clear filters' }).click();
        await page.waitForTimeout(400);
        // Timed from Node: the change, then polling every frame until every shown row matches
        // (includes up to one frame of polling and the DevTools round trips: a few ms).
        const t0 = performance.now();
        await page.getByLabel(change.select).selectOption({ label: change.label });
        await page.waitForFunction(allRowsShow(change.column, change.label), undefined, { polling: 'raf', timeout: 30_000 }).catch(async (err: unknown) => {
          const shown = await page.getByRole('table', { name: 'Follow-up log' }).getByRole('row').allInnerTexts();
          throw new Error(`"${change.select}: ${change.label}" never showed only matching rows; shown:\n${shown.slice(0, 5).join('\n')}`, { cause: err });
        });
        const ms = performance.now() - t0;
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
    if (server) await stopServer(server);
    await db.close();
    if (!process.argv.includes('--keep')) await adminSqlHere(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

await main();
