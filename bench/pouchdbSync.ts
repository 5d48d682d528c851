/**
 * npm run bench:pouchdb — issue 4's PouchDB comparison.
 *
 * The data set of bench:sync (bench/sync/syncDataset.ts: 100,000 patrons, 300,000 notes,
 * 100,000 follow-ups) twice over: in PostgreSQL behind the real server (desk_bench_sync, kept
 * between runs) and, one document per record (bench/sync/pouchDocs.ts), in a PouchDB server
 * (express-pouchdb over LevelDB, kept in bench/.cache/pouchdb). In the same Chromium and the
 * same run, a new desk's first syncOnce and a one-shot PouchDB.replicate into PouchDB's idb
 * adapter are timed, alternating in order between rounds, each on an origin whose storage
 * was wiped first. The issue's goal: our time ÷ PouchDB's ≤ 0.2.
 *
 * PouchDB runs twice a round: with its defaults (batch_size 100, batches_limit 10) and tuned
 * to the desk's page size (batch_size = --page-size, batches_limit --pouch-batches-limit).
 *
 *   npm run bench:pouchdb -- [--patrons 100000] [--notes-per-patron 3] [--page-size 1000]
 *                            [--pouch-batches-limit 10] [--pouch defaults,tuned] [--rounds 1]
 *                            [--reseed] [--reload]
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
import type { InitialSyncResult, PouchReplicateResult } from './shared/protocol';
import { median } from './shared/stats';
import { loginToken, serveWithBenchPages } from './sync/benchOrigin';
import { servePouchDB } from './sync/pouchServer';
import { SYNC_DESK_PASSWORD, SYNC_DESK_USER, openSeededSyncDatabase, recordCount, testDatabaseUrl } from './sync/syncSeed';

const SIZE = { patrons: numberArg('patrons', 100_000), notesPerPatron: numberArg('notes-per-patron', 3) };
const PAGE_SIZE = numberArg('page-size', 1000);
const ROUNDS = numberArg('rounds', 1);
const EXPECTED = recordCount(SIZE);
/** PouchDB's own defaults (pouchdb-replication), and the same with the desk's page size. */
const POUCH_SETTINGS = {
  defaults: { batchSize: 100, batchesLimit: 10 },
  tuned: { batchSize: PAGE_SIZE, batchesLimit: numberArg('pouch-batches-limit', 10) },
};
type PouchVariant = keyof typeof POUCH_SETTINGS;
type Which = 'ours' | PouchVariant;
const GOAL = 0.2;
const { log } = createRunLog();

function pouchVariants(): PouchVariant[] {
  const i = process.argv.indexOf('--pouch');
  const list = (i < 0 ? 'defaults,tuned' : (process.argv[i + 1] ?? '')).split(',');
  for (const v of list) if (!(v in POUCH_SETTINGS)) throw new Error(`--pouch takes defaults, tuned or both, comma-separated (got "${v}")`);
  return list as PouchVariant[];
}

async function main(): Promise<void> {
  assertChromium();
  const variants = pouchVariants();
  log(`PouchDB comparison: ${SIZE.patrons} patrons, ${SIZE.notesPerPatron} notes each, 1 follow-up each (${EXPECTED} records); nproc ${availableParallelism()}`);
  const { db } = await openSeededSyncDatabase(testDatabaseUrl('bench:pouchdb'), SIZE, process.argv.includes('--reseed'), log);
  const pouch = await servePouchDB(SIZE, process.argv.includes('--reload'), log);
  const built = await buildAll();
  log(`build: ${built.webReason}${built.webBuilt ? ` (${(built.webMs / 1000).toFixed(1)} s)` : ''}`);

  const { app, origin } = await serveWithBenchPages(db);
  const profile = mkdtempSync(join(tmpdir(), 'desk-pouch-bench-'));
  const context = await launchBrowser(profile);
  const ours: InitialSyncResult[] = [];
  const theirs: Record<PouchVariant, PouchReplicateResult[]> = { defaults: [], tuned: [] };
  try {
    log(`Chromium ${await chromiumVersion(context)}, Node ${process.version}; desk server ${origin}, PouchDB server ${pouch.origin}`);
    const token = await loginToken(origin, SYNC_DESK_USER, SYNC_DESK_PASSWORD);

    const measure = async (which: Which) => {
      const pageOrigin = which === 'ours' ? origin : pouch.origin;
      await clearOriginStorage(context, pageOrigin);
      const page = await openBenchPage(context, pageOrigin, log);
      try {
        if (which === 'ours') {
          const r = await page.evaluate(([t, p]) => window.deskBench!.initialSync(t, 'desk-bench-initial-sync', p), [token, PAGE_SIZE] as const);
          if (r.records !== EXPECTED) throw new Error(`the desk pulled ${r.records} records, expected ${EXPECTED}`);
          ours.push(r);
          log(`  ours (syncOnce): ${r.records} records in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.rowsPerSec)} records/s (${r.pages} pages) ${JSON.stringify(r.counts)}`);
        } else {
          const { batchSize, batchesLimit } = POUCH_SETTINGS[which];
          const r = await page.evaluate(([url, b, l]) => window.deskBench!.pouchReplicate(url, 'desk-bench-pouch', b, l), [pouch.dbUrl, batchSize, batchesLimit] as const);
          if (r.docs !== EXPECTED) throw new Error(`PouchDB replicated ${r.docs} documents, expected ${EXPECTED}`);
          theirs[which].push(r);
          log(`  PouchDB ${which} (batch_size ${batchSize}, batches_limit ${batchesLimit}, adapter ${r.adapter}): ${r.docs} docs in ${(r.ms / 1000).toFixed(1)} s = ${Math.round(r.docsPerSec)} docs/s`);
        }
      } finally {
        await page.close();
      }
    };
    const order: Which[] = ['ours', ...variants];
    for (let round = 0; round < ROUNDS; round++) {
      log(`round ${round + 1} of ${ROUNDS}, load ${loadavg()[0]!.toFixed(1)}`);
      for (const which of round % 2 === 0 ? order : [...order].reverse()) await measure(which);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await app.close();
    await pouch.close();
    await db.close();
  }

  const ourMs = median(ours.map((r) => r.ms));
  log(`ours (syncOnce) median ${(ourMs / 1000).toFixed(1)} s (${Math.round(EXPECTED / (ourMs / 1000))} records/s)`);
  const ratios: Partial<Record<PouchVariant, number>> = {};
  for (const v of variants) {
    const ms = median(theirs[v].map((r) => r.ms));
    ratios[v] = ourMs / ms;
    log(`PouchDB ${v} median ${(ms / 1000).toFixed(1)} s (${Math.round(EXPECTED / (ms / 1000))} docs/s): ours ÷ PouchDB's = ${ratios[v].toFixed(2)} (goal ≤ ${GOAL})`);
  }
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'pouchdb-sync.json');
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...SIZE, records: EXPECTED, pageSize: PAGE_SIZE, pouchSettings: POUCH_SETTINGS, ours, theirs, ratios, load: loadavg() }, null, 2));
  log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
