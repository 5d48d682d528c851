import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { parseArgs } from './node/args';
import { openBenchPage } from './node/benchPage';
import { assertChromium, chromiumVersion, clearOriginStorage, launchBrowser } from './node/browser';
import { buildAll } from './node/build';
import { PROFILES, RESULTS } from './node/paths';
import { createRunLog } from './node/runLog';
import { startServer, type BenchServer } from './node/server';
import { median, summarize } from './shared/stats';

/**
 * Issue 3's benchmarks (bench/RESULTS.md §5): `npx tsx bench/reminders.ts [--patrons N]`.
 * Same build, server, seeded profile and bench page as bench/run.ts; measures, in the page,
 * "we miss you" (findPatronsNotSeen, createFollowUps, createCampaign) and the app's ReminderService with
 * 10,000 pending follow-ups (popup lateness, armed timers, idle work). Writes
 * bench/.results/reminders.json.
 */
const PENDING = 10_000;
const NEAR = 20;
const SPREAD_DAYS = 14;
const CREATE = 5_000;
const ROUNDS = 3;
const IDLE_S = 20;

const started = Date.now();
const { log, loads } = createRunLog();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const f1 = (ms: number) => ms.toFixed(1);

let server: BenchServer | undefined;
let context: BrowserContext | undefined;

async function cleanup(): Promise<void> {
  await context?.close().catch(() => undefined);
  context = undefined;
  await server?.close().catch(() => undefined);
  server = undefined;
}

/** Main-thread time of the page (CDP Performance metrics, seconds → ms). */
async function taskMs(cdp: CDPSession): Promise<{ taskMs: number; scriptMs: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
  return { taskMs: get('TaskDuration'), scriptMs: get('ScriptDuration') };
}

/** `IDLE_S` seconds of nothing; returns the page's main-thread time over them. */
async function idleWindow(cdp: CDPSession): Promise<{ taskMs: number; scriptMs: number }> {
  const before = await taskMs(cdp);
  await sleep(IDLE_S * 1000);
  const after = await taskMs(cdp);
  return { taskMs: after.taskMs - before.taskMs, scriptMs: after.scriptMs - before.scriptMs };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  assertChromium();
  const deadline = setTimeout(() => {
    console.error(`bench/reminders: gave up after --timeout-min ${opts.timeoutMin} minutes`);
    void cleanup().finally(() => process.exit(2));
  }, opts.timeoutMin * 60_000);
  deadline.unref();

  log('building (dist/web if stale, bench pages)');
  const build = await buildAll();
  log(`  ${build.webReason}; bench pages ${(build.benchPagesMs / 1000).toFixed(1)} s`);

  const profile = join(PROFILES, `p${opts.patrons}-n${opts.notesPerPatron}`);
  mkdirSync(profile, { recursive: true });
  server = await startServer(opts.port, `${profile}.port`);
  const origin = server.origin;
  log(`serving at ${origin}; profile ${profile}`);
  context = await launchBrowser(profile);
  const chromium = await chromiumVersion(context);

  let bench: Page = await openBenchPage(context, origin, log);
  const status = await bench.evaluate(([p, n]) => window.deskBench!.seedStatus(p, n), [opts.patrons, opts.notesPerPatron] as const);
  if (opts.reseed || !status.seeded) {
    log(`seeding 'desk-diary' with ${opts.patrons} patrons (no usable seed found, or --reseed); the origin's storage is wiped first`);
    await bench.close();
    await clearOriginStorage(context, origin);
    bench = await openBenchPage(context, origin, log);
    await bench.evaluate(([p, n, c]) => window.deskBench!.seed(p, n, c), [opts.patrons, opts.notesPerPatron, opts.chunk] as const);
  } else log(`seeded database found (${status.patrons} patrons, ${status.notes} notes): seeding skipped`);

  log(`"we miss you": ${ROUNDS} rounds of (list as the page does; createFollowUps, then createCampaign, for ${CREATE} of them, deleted after each) + the full-row read once`);
  const missYou = await bench.evaluate(([r, c]) => window.deskBench!.missYou(r, c), [ROUNDS, CREATE] as const);
  const ms = (xs: number[]) => `${xs.map(f1).join(', ')} ms`;
  log(`  ${missYou.qualified} of ${missYou.patrons} qualify (same ids and order as the full-row read: ${missYou.sameAsFullRead}); first 200 rows ${ms(missYou.listMs)}; count (every id) ${ms(missYou.countMs)}; next 200 ${ms(missYou.nextPageMs)}; full-row read ${f1(missYou.fullReadMs)} ms`);
  log(`  createFollowUps ${missYou.created}: ${ms(missYou.createMs)}; createCampaign (${missYou.campaignCreated} created): ${ms(missYou.campaignMs)}`);
  await bench.close();

  // A fresh page for the service, so the "we miss you" page's garbage is not in its idle window.
  bench = await openBenchPage(context, origin, log);
  const cdp = await context.newCDPSession(bench);
  await cdp.send('Performance.enable');
  log(`baseline: ${IDLE_S} s idle in the bench page, no service running`);
  const baselineIdle = await idleWindow(cdp);
  log(`  main thread busy ${f1(baselineIdle.taskMs)} ms (script ${f1(baselineIdle.scriptMs)} ms)`);

  log(`reminder service: ${PENDING} pending follow-ups over the next ${SPREAD_DAYS} days + ${NEAR} due in 2–10 s`);
  const setup = await bench.evaluate(([p, n, d]) => window.deskBench!.startReminders(p, n, d), [PENDING, NEAR, SPREAD_DAYS] as const);
  log(`  written in ${f1(setup.setupMs)} ms; near-due ones come due ${setup.nearDueFirstInS.toFixed(1)}–${setup.nearDueLastInS.toFixed(1)} s from now`);
  await sleep(Math.max(0, setup.nearDueLastInS * 1000) + 3000);
  const lateness = await bench.evaluate(() => window.deskBench!.reminderLateness());
  const late = summarize(lateness.latenessMs);
  log(`  lateness over ${late.n}: p50 ${f1(late.p50)}, p95 ${f1(late.p95)}, max ${f1(late.max)} ms; ${lateness.missing} missing, ${lateness.viaSummary} only in a summary; armed timers ${lateness.armedTimers}; ${lateness.queriesSoFar} queries so far`);

  log(`idle: near-due ones deleted, ${IDLE_S} s with nothing due`);
  const idleStart = await bench.evaluate(() => window.deskBench!.beginIdle());
  const serviceIdle = await idleWindow(cdp);
  const idle = await bench.evaluate(() => window.deskBench!.endIdle());
  log(`  ${idle.queries} queries, ${idle.reconciliations} reconciliations, ${idle.longTasks} long tasks; armed timers ${idleStart.armedTimers} → ${idle.armedTimers}; main thread busy ${f1(serviceIdle.taskMs)} ms (script ${f1(serviceIdle.scriptMs)} ms)`);
  await bench.evaluate(() => window.deskBench!.stopReminders());
  await cdp.detach();
  await bench.close();

  const figures = {
    missYou: { ...missYou, listMedianMs: median(missYou.listMs), countMedianMs: median(missYou.countMs), createMedianMs: median(missYou.createMs), campaignMedianMs: median(missYou.campaignMs) },
    lateness: { ...lateness, summary: late },
    idle: { windowS: IDLE_S, ...idle, armedAtStart: idleStart.armedTimers, serviceMainThread: serviceIdle, baselineMainThread: baselineIdle },
  };
  console.log(`
"We miss you" (${missYou.patrons} patrons): ${missYou.qualified} not seen for 12 months
  list (first 200 rows)          median ${f1(figures.missYou.listMedianMs)} ms   goal ≤ 1000   (full-row read, as before: ${f1(missYou.fullReadMs)} ms)
  count (every id)               median ${f1(figures.missYou.countMedianMs)} ms
  create ${missYou.created} (createFollowUps)  median ${f1(figures.missYou.createMedianMs)} ms   goal ≤ 2000
  create ${missYou.created} (createCampaign)   median ${f1(figures.missYou.campaignMedianMs)} ms
Reminders (${PENDING} pending + ${NEAR} near-due)
  popup lateness                 p50 ${f1(late.p50)}, p95 ${f1(late.p95)}, max ${f1(late.max)} ms   goal ≤ 1000
  armed timers                   ${lateness.armedTimers} (+ the ${lateness.watchdogMs / 1000} s watchdog interval)
  idle ${IDLE_S} s                       ${idle.queries} queries, ${idle.reconciliations} reconciliations; main thread ${f1(serviceIdle.taskMs)} ms (no service: ${f1(baselineIdle.taskMs)} ms)
`);
  mkdirSync(RESULTS, { recursive: true });
  const out = join(RESULTS, 'reminders.json');
  writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        command: `npx tsx bench/reminders.ts ${process.argv.slice(2).join(' ')}`.trim(),
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memGiB: totalmem() / 2 ** 30, node: process.version, chromium },
        data: { patrons: opts.patrons, notesPerPatron: opts.notesPerPatron, seededNow: !status.seeded || opts.reseed },
        figures,
        loads,
        durationS: (Date.now() - started) / 1000,
      },
      null,
      1,
    ),
  );
  log(`wrote ${out}`);
}

main()
  .catch((err: unknown) => {
    console.error(`bench/reminders failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
