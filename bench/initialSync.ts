/**
 * npm run bench:sync — issue 4's initial-sync benchmark.
 *
 * A server on real PostgreSQL holds 100,000 patrons, 300,000 notes and 100,000 follow-ups
 * (bench/sync/syncDataset.ts, inserted straight into sync_records once and kept between
 * runs). A new desk in real Chromium pulls all of it through the app's own sync code
 * (syncOnce over HTTP into a DeskDb); in the same run the same rows are written by plain
 * Dexie bulkPut into the same schema. The ratio of the two rates is the issue's goal
 * (≥ 0.85: the network and the protocol add at most 15%). The two measurements alternate
 * in order between rounds, each on an origin whose storage was wiped first.
 *
 *   npm run bench:sync -- [--patrons 100000] [--notes-per-patron 3] [--page-size 1000]
 *                         [--chunk 1000] [--rounds 2] [--reseed]
 *
 * Needs TEST_DATABASE_URL (a PostgreSQL role that may create databases) and Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBranch } from '../server/accounts/branchAccounts';
import { addStaff } from '../server/accounts/staffAccounts';
import { hashPassword } from '../server/auth/passwordHash';
import type { Database } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { openDatabase } from '../server/db/openDatabase';
import { adminSql, databaseUrl } from './export/benchServer';
import { assertChromium, chromiumVersion, clearOriginStorage, launchBrowser } from './node/browser';
import { buildAll } from './node/build';
import { openBenchPage } from './node/benchPage';
import { RESULTS } from './node/paths';
import { numberArg } from './node/numberArg';
import { createRunLog } from './node/runLog';
import type { InitialSyncResult, RawBulkPutResult } from './shared/protocol';
import { median } from './shared/stats';
import { serveWithBenchPages, loginToken } from './sync/benchOrigin';
import { syncRecords } from './sync/syncDataset';

const DB_NAME = 'desk_bench_sync';
const PASSWORD = 'bench-sync-password';

const PATRONS = numberArg('patrons', 100_000);
const NOTES = numberArg('notes-per-patron', 3);
const PAGE_SIZE = numberArg('page-size', 1000);
const CHUNK = numberArg('chunk', 1000);
const ROUNDS = numberArg('rounds', 2);
const EXPECTED = PATRONS * (NOTES + 2);
const { log } = createRunLog();

function baseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('bench:sync needs TEST_DATABASE_URL (postgres://… of a role that may create databases), e.g. the one .ci/run sets');
  return url;
}

/** The branch of a database seeded earlier with exactly this data set, if it is one. */
async function seededBranch(db: Database): Promise<string | undefined> {
  await migrate(db);
  const have = await db.query<{ n: string; branch: string | null }>('SELECT count(*) AS n, min(branch_id) AS branch FROM sync_records');
  if (Number(have.rows[0]!.n) !== EXPECTED || !have.rows[0]!.branch) return undefined;
  log(`reusing ${DB_NAME}: ${EXPECTED} records`);
  return have.rows[0]!.branch;
}

async function seed(db: Database): Promise<string> {
  await migrate(db);
  const branchId = (await createBranch(db, null, 'Central library')).id;
  const hash = await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 });
  await db.transaction((tx) => addStaff(tx, null, { username: 'benchdesk', displayName: 'Bench desk', role: 'desk', branchIds: [branchId] }, hash));
  const t0 = performance.now();
  const STEP = 2000;
  for (let from = 0; from < PATRONS; from += STEP) {
    const records = syncRecords(from, Math.min(PATRONS, from + STEP), PATRONS, NOTES, branchId);
    const rows = records.map((r, n) => ({ n, entity: r.entity, id: r.id, branch_id: r.branchId, patron_id: r.patronId, fields: r.fields, clocks: r.clocks }));
    await db.query(
      `INSERT INTO sync_records (entity, id, branch_id, patron_id, fields, clocks, seq)
       SELECT entity, id, branch_id, patron_id, fields, clocks, nextval('sync_seq')
         FROM jsonb_to_recordset($1::jsonb) AS x(n int, entity text, id text, branch_id text, patron_id text, fields jsonb, clocks jsonb)
        ORDER BY n`,
      [JSON.stringify(rows)],
    );
    if ((from / STEP) % 10 === 0) log(`  seeded ${from + STEP} of ${PATRONS} patrons`);
  }
  await db.query('VACUUM ANALYZE sync_records');
  log(`seeded ${EXPECTED} records in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return branchId;
}

async function main(): Promise<void> {
  assertChromium();
  const base = baseUrl();
  log(`initial sync bench: ${PATRONS} patrons, ${NOTES} notes each, 1 follow-up each (${EXPECTED} records); nproc ${availableParallelism()}`);
  const reseed = process.argv.includes('--reseed');
  let db = await openDatabase({ kind: 'postgres', url: databaseUrl(base, DB_NAME) }).catch(() => undefined);
  let branchId = db && !reseed ? await seededBranch(db) : undefined;
  if (!branchId) {
    await db?.close();
    await adminSql(base, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await adminSql(base, `CREATE DATABASE ${DB_NAME}`);
    db = await openDatabase({ kind: 'postgres', url: databaseUrl(base, DB_NAME) });
    branchId = await seed(db);
  }
  const built = await buildAll();
  log(`build: ${built.webReason}${built.webBuilt ? ` (${(built.webMs / 1000).toFixed(1)} s)` : ''}`);

  const { app, origin } = await serveWithBenchPages(db!);
  const profile = mkdtempSync(join(tmpdir(), 'desk-sync-bench-'));
  const context = await launchBrowser(profile);
  const syncRuns: InitialSyncResult[] = [];
  const rawRuns: RawBulkPutResult[] = [];
  try {
    log(`Chromium ${await chromiumVersion(context)}, Node ${process.version}, origin ${origin}`);
    const token = await loginToken(origin, 'benchdesk', PASSWORD);

    const measure = async (which: 'sync' | 'raw') => {
      await clearOriginStorage(context, origin);
      const page = await openBenchPage(context, origin, log);
      try {
        if (which === 'sync') {
          const r = await page.evaluate(([t, p]) => window.deskBench!.initialSync(t, 'desk-bench-initial-sync', p), [token, PAGE_SIZE] as const);
          if (r.records !== EXPECTED) throw new Error(`the desk pulled ${r.records} records, expected ${EXPECTED}`);
          syncRuns.push(r);
          log(`  initial sync: ${r.records} records in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.rowsPerSec)} rows/s (${r.pages} pages, ${(r.pullMs / 1000).toFixed(1)} s waiting for them) ${JSON.stringify(r.counts)}`);
        } else {
          const r = await page.evaluate(([t, p, c]) => window.deskBench!.rawBulkPut(t, 'desk-bench-raw-bulkput', p, c), [token, PAGE_SIZE, CHUNK] as const);
          if (r.records !== EXPECTED) throw new Error(`bulkPut wrote ${r.records} rows, expected ${EXPECTED}`);
          rawRuns.push(r);
          log(`  raw bulkPut: ${r.records} rows in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.rowsPerSec)} rows/s ${JSON.stringify(r.counts)}`);
        }
      } finally {
        await page.close();
      }
    };
    for (let round = 0; round < ROUNDS; round++) {
      log(`round ${round + 1} of ${ROUNDS}, load ${loadavg()[0]!.toFixed(1)}`);
      const order: Array<'sync' | 'raw'> = round % 2 === 0 ? ['sync', 'raw'] : ['raw', 'sync'];
      for (const which of order) await measure(which);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await app.close();
    await db!.close();
  }
  const syncRate = median(syncRuns.map((r) => r.rowsPerSec));
  const rawRate = median(rawRuns.map((r) => r.rowsPerSec));
  const ratio = syncRate / rawRate;
  log(`initial sync median ${Math.round(syncRate)} rows/s (${(EXPECTED / syncRate).toFixed(1)} s); raw bulkPut median ${Math.round(rawRate)} rows/s (${(EXPECTED / rawRate).toFixed(1)} s)`);
  log(`ratio sync ÷ raw bulkPut = ${ratio.toFixed(2)} (goal ≥ 0.85)`);
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'initial-sync.json');
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), patrons: PATRONS, records: EXPECTED, pageSize: PAGE_SIZE, chunk: CHUNK, syncRuns, rawRuns, ratio, load: loadavg() }, null, 2));
  log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
