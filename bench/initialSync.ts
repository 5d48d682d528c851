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
 *                         [--chunk 1000] [--rounds 2] [--reseed] [--measure sync,raw]
 *
 * --measure lists what each round times (the default is the issue's pair, sync and raw):
 * - sync: the app's first sync in a bench page; raw: the plain bulkPut reference;
 * - app: the same first sync inside the running app (the server's web build, logged in
 *   through the login form), where live queries, the reminder service and the search index
 *   follow every committed page;
 * - raw-parallel: the reference with every table written at once in its own transactions;
 * - raw-lean: the reference into a patrons store without its `*terms` search index;
 * - raw-bare: the reference into stores with no secondary index at all (the write floor);
 * - raw-ids: as raw-bare with each row cut to its id (the cost of a row, apart from its bytes).
 * The sync ÷ raw ratio is printed when both are measured.
 *
 * Needs TEST_DATABASE_URL (a PostgreSQL role that may create databases) and Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertChromium, chromiumVersion, clearOriginStorage, launchBrowser } from './node/browser';
import { buildAll } from './node/build';
import { appFirstSync, type AppFirstSyncResult } from './node/appFirstSync';
import { openBenchPage } from './node/benchPage';
import { RESULTS } from './node/paths';
import { numberArg } from './node/numberArg';
import { createRunLog } from './node/runLog';
import type { InitialSyncResult, RawBulkPutResult } from './shared/protocol';
import { median } from './shared/stats';
import { serveWithBenchPages, loginToken } from './sync/benchOrigin';
import { SYNC_DESK_PASSWORD, SYNC_DESK_USER, openSeededSyncDatabase, recordCount, testDatabaseUrl } from './sync/syncSeed';

const PATRONS = numberArg('patrons', 100_000);
const NOTES = numberArg('notes-per-patron', 3);
const PAGE_SIZE = numberArg('page-size', 1000);
const CHUNK = numberArg('chunk', 1000);
const ROUNDS = numberArg('rounds', 2);
const KINDS = ['sync', 'raw', 'app', 'raw-parallel', 'raw-lean', 'raw-bare', 'raw-ids'] as const;
type Which = (typeof KINDS)[number];
const MEASURE = measureArg();

function measureArg(): Which[] {
  const i = process.argv.indexOf('--measure');
  if (i < 0) return ['sync', 'raw'];
  const list = (process.argv[i + 1] ?? '').split(',').filter((k) => k !== '');
  const unknown = list.filter((k) => !(KINDS as readonly string[]).includes(k));
  if (list.length === 0 || unknown.length > 0) throw new Error(`--measure takes a comma-separated list of ${KINDS.join(', ')} (got "${process.argv[i + 1] ?? ''}")`);
  return list as Which[];
}

/** The reference writes: the issue's (raw), and the variants that show what each hint is worth here. */
const RAW_WRITES = {
  raw: { variant: {}, label: '' },
  'raw-parallel': { variant: { parallel: true }, label: ', tables in parallel' },
  'raw-lean': { variant: { leanPatrons: true }, label: ', patrons without *terms' },
  'raw-bare': { variant: { bare: true }, label: ', no secondary index' },
  'raw-ids': { variant: { bare: true, idsOnly: true }, label: ', no secondary index, rows of an id only' },
} as const;
const EXPECTED = recordCount({ patrons: PATRONS, notesPerPatron: NOTES });
const { log } = createRunLog();

async function main(): Promise<void> {
  assertChromium();
  const base = testDatabaseUrl('bench:sync');
  log(`initial sync bench: ${PATRONS} patrons, ${NOTES} notes each, 1 follow-up each (${EXPECTED} records); nproc ${availableParallelism()}`);
  const { db } = await openSeededSyncDatabase(base, { patrons: PATRONS, notesPerPatron: NOTES }, process.argv.includes('--reseed'), log);
  const built = await buildAll();
  log(`build: ${built.webReason}${built.webBuilt ? ` (${(built.webMs / 1000).toFixed(1)} s)` : ''}`);

  const { app, origin } = await serveWithBenchPages(db);
  const profile = mkdtempSync(join(tmpdir(), 'desk-sync-bench-'));
  const context = await launchBrowser(profile);
  const syncRuns: InitialSyncResult[] = [];
  const rawRuns: RawBulkPutResult[] = [];
  const appRuns: AppFirstSyncResult[] = [];
  const variantRuns: Array<RawBulkPutResult & { which: string }> = [];
  try {
    log(`Chromium ${await chromiumVersion(context)}, Node ${process.version}, origin ${origin}`);
    const token = await loginToken(origin, SYNC_DESK_USER, SYNC_DESK_PASSWORD);

    const measure = async (which: Which) => {
      await clearOriginStorage(context, origin);
      if (which === 'app') {
        const r = await appFirstSync(context, origin, { username: SYNC_DESK_USER, password: SYNC_DESK_PASSWORD }, 30 * 60_000);
        if (r.records !== EXPECTED) throw new Error(`the app's desk holds ${r.records} records, expected ${EXPECTED}`);
        appRuns.push(r);
        log(`  in the app: ${r.records} records in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.rowsPerSec)} rows/s; search index ready ${r.searchIndexMsAfter === null ? 'not within 2 min' : `${(r.searchIndexMsAfter / 1000).toFixed(1)} s`} after; long tasks ${r.longTasks.count} (longest ${Math.round(r.longTasks.maxMs)} ms, ${(r.longTasks.totalMs / 1000).toFixed(1)} s in all) ${JSON.stringify(r.counts)}`);
        return;
      }
      const page = await openBenchPage(context, origin, log);
      try {
        if (which === 'sync') {
          const r = await page.evaluate(([t, p]) => window.deskBench!.initialSync(t, 'desk-bench-initial-sync', p), [token, PAGE_SIZE] as const);
          if (r.records !== EXPECTED) throw new Error(`the desk pulled ${r.records} records, expected ${EXPECTED}`);
          syncRuns.push(r);
          log(`  initial sync: ${r.records} records in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.rowsPerSec)} rows/s (${r.pages} pages, ${(r.pullMs / 1000).toFixed(1)} s waiting for them) ${JSON.stringify(r.counts)}`);
        } else {
          const { variant, label } = RAW_WRITES[which];
          const r = await page.evaluate(([t, p, c, v]) => window.deskBench!.rawBulkPut(t, 'desk-bench-raw-bulkput', p, c, v), [token, PAGE_SIZE, CHUNK, variant] as const);
          if (r.records !== EXPECTED) throw new Error(`bulkPut wrote ${r.records} rows, expected ${EXPECTED}`);
          if (which === 'raw') rawRuns.push(r);
          else variantRuns.push({ which, ...r });
          log(`  raw bulkPut${label}: ${r.records} rows in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.rowsPerSec)} rows/s ${JSON.stringify(r.counts)}`);
        }
      } finally {
        await page.close();
      }
    };
    for (let round = 0; round < ROUNDS; round++) {
      log(`round ${round + 1} of ${ROUNDS}, load ${loadavg()[0]!.toFixed(1)}`);
      const order = round % 2 === 0 ? MEASURE : [...MEASURE].reverse();
      for (const which of order) await measure(which);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await app.close();
    await db.close();
  }
  const rateOf = (runs: Array<{ rowsPerSec: number }>) => (runs.length > 0 ? median(runs.map((r) => r.rowsPerSec)) : undefined);
  const syncRate = rateOf(syncRuns);
  const rawRate = rateOf(rawRuns);
  const appRate = rateOf(appRuns);
  const summary = (what: string, rate: number) => `${what} median ${Math.round(rate)} rows/s (${(EXPECTED / rate).toFixed(1)} s)`;
  if (syncRate !== undefined) log(summary('initial sync', syncRate));
  if (rawRate !== undefined) log(summary('raw bulkPut', rawRate));
  if (appRate !== undefined) log(summary('in the app', appRate));
  const ratio = syncRate !== undefined && rawRate !== undefined ? syncRate / rawRate : null;
  if (ratio !== null) log(`ratio sync ÷ raw bulkPut = ${ratio.toFixed(2)} (goal ≥ 0.85)`);
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'initial-sync.json');
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), patrons: PATRONS, records: EXPECTED, pageSize: PAGE_SIZE, chunk: CHUNK, syncRuns, rawRuns, appRuns, variantRuns, ratio, load: loadavg() }, null, 2));
  log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
