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
import { assertChromium, chromiumVersion, clearOriginStorage, launchBrowser } from './node/browser';
import { buildAll } from './node/build';
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
  try {
    log(`Chromium ${await chromiumVersion(context)}, Node ${process.version}, origin ${origin}`);
    const token = await loginToken(origin, SYNC_DESK_USER, SYNC_DESK_PASSWORD);

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
    await db.close();
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
