import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { Patron } from '../shared/domain/patron';
import { makePatron } from './generator/generate';
import { parseArgs } from './node/args';
import { assertChromium, chromiumVersion, clearOriginStorage, launchBrowser } from './node/browser';
import { buildAll } from './node/build';
import { coldInBrowsers, coldInTabs, type ColdRun } from './node/coldStart';
import { LATEST_JSON, PROFILES, RESULTS } from './node/paths';
import { benchQueries } from './node/queries';
import { baselineFigures, coldFigures, printReport, typeaheadFigures } from './node/report';
import { SearchModel } from './node/searchModel';
import { startServer, type BenchServer } from './node/server';
import { runTypeahead } from './node/typeahead';
import { measureSearchIndex } from './node/searchIndexCost';
import { openBenchPage } from './node/benchPage';
import { runIndexCost } from './node/indexCost';
import { createRunLog } from './node/runLog';
import { BENCH_BASE } from './shared/constants';

/**
 * `npm run bench`: builds, serves the app and the bench pages on one origin, seeds the
 * app's IndexedDB in Chromium (cached in a persistent profile), then measures write rates,
 * per-index write cost, type-ahead latency, query baselines and cold start. Prints a
 * table and writes bench/.results/latest.json. See bench/RESULTS.md.
 */
const COLD_QUERY = 'muller';
const started = Date.now();
const { log, loads } = createRunLog();

let server: BenchServer | undefined;
let context: BrowserContext | undefined;

async function cleanup(): Promise<void> {
  await context?.close().catch(() => undefined);
  context = undefined;
  await server?.close().catch(() => undefined);
  server = undefined;
}

/** A pause after heavy writes: IndexedDB's backing store compacts in the background. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5000));

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  assertChromium();
  const deadline = setTimeout(() => {
    console.error(`bench: gave up after --timeout-min ${opts.timeoutMin} minutes`);
    void cleanup().finally(() => process.exit(2));
  }, opts.timeoutMin * 60_000);
  deadline.unref();

  log('building (dist/web if stale, bench pages)');
  const build = await buildAll();
  log(`  ${build.webReason}${build.webBuilt ? `: built in ${(build.webMs / 1000).toFixed(1)} s` : ''}; bench pages ${(build.benchPagesMs / 1000).toFixed(1)} s`);

  log(`generating the ${opts.patrons.toLocaleString('en-GB')} bench patrons in Node (expected results)`);
  const patrons: Patron[] = Array.from({ length: opts.patrons }, (_, i) => makePatron(i, opts.patrons, opts.notesPerPatron));
  const model = new SearchModel(patrons);
  const queries = benchQueries(patrons, opts.queries);

  const profile = join(PROFILES, `p${opts.patrons}-n${opts.notesPerPatron}`);
  mkdirSync(profile, { recursive: true });
  server = await startServer(opts.port, `${profile}.port`);
  const origin = server.origin;
  log(`serving dist/web and ${BENCH_BASE} at ${origin}; profile ${profile}`);
  const launch = () => launchBrowser(profile);
  context = await launch();
  const chromium = await chromiumVersion(context);

  let bench = await openBenchPage(context, origin, log);
  const status = await bench.evaluate(([p, n]) => window.deskBench!.seedStatus(p, n), [opts.patrons, opts.notesPerPatron] as const);
  let seed = null;
  if (opts.reseed || !status.seeded) {
    const why = opts.reseed ? '--reseed' : status.patrons < 0 ? 'no seed of this size and schema version' : `found ${status.patrons} patrons / ${status.notes} notes`;
    log(`seeding 'desk-diary' (${why}); the origin's storage is wiped first`);
    await bench.close();
    await clearOriginStorage(context, origin);
    bench = await openBenchPage(context, origin, log);
    seed = await bench.evaluate(([p, n, c]) => window.deskBench!.seed(p, n, c), [opts.patrons, opts.notesPerPatron, opts.chunk] as const);
    log(`  patrons ${Math.round(seed.patronRowsPerSec)} rows/s, notes ${Math.round(seed.noteRowsPerSec)} rows/s`);
  } else log(`seeded database found (${status.patrons} patrons, ${status.notes} notes): seeding skipped`);
  // The lastName copy for the baselines is written now, so its writes are over before the type-ahead.
  const lastNameFillMs = await bench.evaluate(([p, n]) => window.deskBench!.prepareLastNameDb(p, n), [opts.patrons, opts.notesPerPatron] as const);
  await bench.close();
  await settle();

  log(`type-ahead: ${queries.length} queries in the app`);
  const typed = await runTypeahead(context, origin, queries, model, log, opts.typingGapMs);
  const records = typed.records.map((r) => ({ ...r, scanned: model.search(r.prefix).scanned }));
  const typeahead = typeaheadFigures(records, typed.failures);

  const prefixes = [...new Set(records.map((r) => r.prefix))];
  log('in-memory search index: load time and heap, in a fresh bench page');
  const searchIndex = await measureSearchIndex(context, origin, prefixes, log);
  log(`  ${Math.round(searchIndex.loadMs)} ms, ${(searchIndex.heapBytes / 2 ** 20).toFixed(1)} MiB heap, ${searchIndex.longTasks} long tasks (longest ${Math.round(searchIndex.longestTaskMs)} ms): ${JSON.stringify(searchIndex.stats)}`);

  log('query baselines (in-page, same prefixes)');
  bench = await openBenchPage(context, origin, log);
  const baselineSamples = await bench.evaluate((q) => window.deskBench!.queryBaselines(q), prefixes);
  await bench.close();
  const baselines = baselineFigures(baselineSamples);

  const coldRuns: ColdRun[] = [];
  if (!opts.skipCold) {
    const expected = model.expected(COLD_QUERY).labels;
    log(`cold start: ${opts.coldRuns} runs each, query "${COLD_QUERY}" (${expected.length} results)`);
    coldRuns.push(...(await coldInTabs(context, origin, 'app', COLD_QUERY, expected, opts.coldRuns)));
    coldRuns.push(...(await coldInTabs(context, origin, 'bare', COLD_QUERY, expected, opts.coldRuns)));
    await context.close();
    context = undefined;
    coldRuns.push(...(await coldInBrowsers(launch, origin, 'app', COLD_QUERY, expected, opts.coldRuns)));
    coldRuns.push(...(await coldInBrowsers(launch, origin, 'bare', COLD_QUERY, expected, opts.coldRuns)));
    context = await launch();
  }
  const cold = opts.skipCold ? null : coldFigures(coldRuns);

  // Last, and on a second origin (its own, emptied backing store), so these writes
  // neither disturb the latency benches nor inherit the seeded store's compaction.
  const writeOrigin = origin.replace('127.0.0.1', 'localhost');
  log(`index cost on ${writeOrigin}: ${opts.indexRows} patrons × each schema variant × ${opts.indexRounds} rounds (throwaway databases)`);
  const index = await runIndexCost(context, writeOrigin, opts, log);

  const report = printReport({ seed, index, typeahead, baselines, cold, searchIndex, appIndex: typed.appIndex });
  console.log(`\n${report}\n`);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    LATEST_JSON,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
        options: opts,
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memGiB: totalmem() / 2 ** 30, node: process.version, chromium },
        build,
        data: { patrons: opts.patrons, notes: opts.patrons * opts.notesPerPatron, indexEntries: model.entryCount, seededNow: seed !== null, status },
        seed,
        index,
        typeahead: { figures: typeahead, queries, records, appIndex: typed.appIndex },
        searchIndex,
        baselines: { figures: baselines, lastNameFillMs, samples: baselineSamples },
        cold: { query: COLD_QUERY, figures: cold, runs: coldRuns },
        durationS: (Date.now() - started) / 1000,
        loadAverage: loads,
      },
      null,
      1,
    ),
  );
  log(`wrote ${LATEST_JSON}`);
}

main()
  .catch((err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
