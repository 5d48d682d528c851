/**
 * npm run bench:latency — issue 4's desk-to-desk latency: both desks online, a note written
 * at desk A, timed until desk B's replica holds it (goal p50 ≤ 100 ms, p95 ≤ 300 ms).
 *
 * The real server app on a throwaway PostgreSQL database (TEST_DATABASE_URL), two desks in
 * one Chromium page, each with the app's own replica, sync engine and live stream (see
 * bench/page/deskLatency.ts); notes written one at a time with a pause between them.
 *
 *   npm run bench:latency -- [--samples 100] [--gap-ms 500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBranch } from '../server/accounts/branchAccounts';
import { addStaff } from '../server/accounts/staffAccounts';
import { hashPassword } from '../server/auth/passwordHash';
import { migrate } from '../server/db/migrate';
import { openDatabase } from '../server/db/openDatabase';
import { adminSql, databaseUrl } from './export/benchServer';
import { assertChromium, chromiumVersion, launchBrowser } from './node/browser';
import { buildAll } from './node/build';
import { openBenchPage } from './node/benchPage';
import { numberArg } from './node/numberArg';
import { createRunLog } from './node/runLog';
import { summarize } from './shared/stats';
import { loginToken, serveWithBenchPages } from './sync/benchOrigin';

const DB_NAME = 'desk_bench_latency';
const PASSWORD = 'bench-latency-password';

const SAMPLES = numberArg('samples', 100);
const GAP_MS = numberArg('gap-ms', 500);
const { log } = createRunLog();

async function main(): Promise<void> {
  assertChromium();
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('bench:latency needs TEST_DATABASE_URL (postgres://… of a role that may create databases), e.g. the one .ci/run sets');
  log(`desk-to-desk latency: ${SAMPLES} notes, ${GAP_MS} ms apart; nproc ${availableParallelism()}`);
  await adminSql(base, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await adminSql(base, `CREATE DATABASE ${DB_NAME}`);
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl(base, DB_NAME) });
  await migrate(db);
  const branchId = (await createBranch(db, null, 'Reading room')).id;
  const hash = await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 });
  for (const username of ['deska', 'deskb']) {
    await db.transaction((tx) => addStaff(tx, null, { username, displayName: username, role: 'desk', branchIds: [branchId] }, hash));
  }
  const built = await buildAll();
  log(`build: ${built.webReason}`);
  const { app, origin } = await serveWithBenchPages(db);
  const profile = mkdtempSync(join(tmpdir(), 'desk-latency-bench-'));
  const context = await launchBrowser(profile);
  const samples: number[] = [];
  try {
    log(`Chromium ${await chromiumVersion(context)}, Node ${process.version}`);
    const page = await openBenchPage(context, origin, log);
    const [a, b] = [await loginToken(origin, 'deska', PASSWORD), await loginToken(origin, 'deskb', PASSWORD)];
    await page.evaluate(([ta, tb, br]) => window.deskBench!.startDesks(ta, tb, br), [a, b, branchId] as const);
    for (let i = 0; i < SAMPLES; i++) {
      samples.push(await page.evaluate((n) => window.deskBench!.noteLatency(`Latency probe ${n}`), i));
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    await page.evaluate(() => window.deskBench!.stopDesks());
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await app.close();
    await db.close();
    await adminSql(base, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
  const s = summarize(samples);
  log(`note at desk A → in desk B's replica: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (n ${s.n}; goal p50 ≤ 100, p95 ≤ 300); load ${loadavg()[0]!.toFixed(1)}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
