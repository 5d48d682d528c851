import { percentile } from '../shared/stats';
import type { IngestOptions } from './ingestArgs';
import { SMALL_PUSH, type IngestTally, type SimulatedDesk } from './ingestDesk';
import type { Verdict } from './ingestVerify';

/** Issue 4's goals for this bench. */
const GOAL_MUTATIONS_PER_S = 5000;
const GOAL_P99_PUSH_MS = 250;

export interface RunFacts {
  opts: IngestOptions;
  tally: IngestTally;
  sims: readonly SimulatedDesk[];
  verdict: Verdict;
  windowS: number;
  loadBefore: string;
  loadAfter: string;
  cpu: { serverMs: number; postgresMs: number; benchMs: number };
}

function latencies(samples: readonly number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p) * 10) / 10;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

/** The run's figures (one JSON line, for RESULTS.md) and a readable account of them. */
export function describeRun(f: RunFacts): { text: string; figures: Record<string, unknown> } {
  const { tally } = f;
  const rate = tally.appliedInWindow / f.windowS;
  const push = latencies(tally.pushMs);
  const smallPush = latencies(tally.smallPushMs);
  const pull = latencies(tally.pullMs);
  const sizes = [...tally.batchSizes].sort((a, b) => a - b);
  const mix = {
    pushes: sizes.length,
    meanChanges: Math.round((sizes.reduce((s, n) => s + n, 0) / Math.max(1, sizes.length)) * 10) / 10,
    p50: percentile(sizes, 50),
    p95: percentile(sizes, 95),
    max: sizes[sizes.length - 1] ?? 0,
    largeShare: Math.round((sizes.filter((n) => n > SMALL_PUSH).length / Math.max(1, sizes.length)) * 1000) / 10,
  };
  const writes: Record<string, number> = {};
  for (const s of f.sims) for (const [k, v] of Object.entries(s.workload.writes)) writes[k] = (writes[k] ?? 0) + v;
  const figures = {
    desks: f.opts.desks, branches: f.opts.branches, durationS: f.windowS, warmupS: f.opts.warmupS, thinkMs: f.opts.thinkMs,
    mutationsPerS: Math.round(rate), appliedInWindow: tally.appliedInWindow, appliedTotal: tally.appliedTotal, notApplied: tally.notApplied,
    push, smallPush, pull, pulledRecords: tally.pulledRecords, pushesTotal: tally.pushesTotal, pullsTotal: tally.pullsTotal,
    mix, writes,
    cpuPerS: { server: Math.round(f.cpu.serverMs / f.windowS), postgres: Math.round(f.cpu.postgresMs / f.windowS), bench: Math.round(f.cpu.benchMs / f.windowS) },
    verified: f.verdict.ok, held: f.verdict.held, loadBefore: f.loadBefore, loadAfter: f.loadAfter,
  };
  const meets = (ok: boolean) => (ok ? 'meets' : 'MISSES');
  const text = [
    `mutations applied/s over ${f.windowS} s: ${Math.round(rate)} (${tally.appliedInWindow} applied; ${tally.appliedTotal} in the whole run) — ${meets(rate >= GOAL_MUTATIONS_PER_S)} the goal ≥ ${GOAL_MUTATIONS_PER_S}`,
    `push ms, all ${push.n}: p50 ${push.p50}, p95 ${push.p95}, p99 ${push.p99}, max ${push.max} — ${meets(push.p99 <= GOAL_P99_PUSH_MS)} the goal p99 ≤ ${GOAL_P99_PUSH_MS}`,
    `push ms, ≤ ${SMALL_PUSH} changes (${smallPush.n}): p50 ${smallPush.p50}, p95 ${smallPush.p95}, p99 ${smallPush.p99}, max ${smallPush.max}`,
    `pull ms (${pull.n} pages): p50 ${pull.p50}, p95 ${pull.p95}, p99 ${pull.p99}, max ${pull.max}; ${tally.pulledRecords} records pulled in the run`,
    `mix: ${mix.pushes} pushes, mean ${mix.meanChanges} changes, p50 ${mix.p50}, p95 ${mix.p95}, max ${mix.max}, ${mix.largeShare}% over ${SMALL_PUSH}; writes ${JSON.stringify(writes)}`,
    `CPU per second of the window: server ${figures.cpuPerS.server} ms, PostgreSQL ${figures.cpuPerS.postgres} ms, bench (desks) ${figures.cpuPerS.bench} ms; load ${f.loadBefore} → ${f.loadAfter}`,
    tally.notApplied > 0 ? `NOT APPLIED: ${tally.notApplied}, e.g. ${JSON.stringify(tally.notAppliedSamples)}` : 'every change answered "applied"',
    f.verdict.ok ? `server holds exactly what was applied: ${JSON.stringify(f.verdict.held)}` : `VERIFICATION FAILED:\n  ${f.verdict.problems.slice(0, 20).join('\n  ')}`,
  ].join('\n');
  return { text, figures };
}
