import { summarize, type Summary } from '../shared/stats';
import type { BaselineSample, IndexCostResult, SeedResult } from '../shared/protocol';
import type { ColdRun } from './coldStart';
import type { SearchIndexCost } from './searchIndexCost';
import type { AppIndexReady, KeystrokeRecord } from './typeahead';

/** Turns raw samples into the figures printed and written to latest.json. */
export interface TypeaheadFigures {
  keystrokes: number;
  failures: number;
  txModeKeystrokes: number;
  /** Every keystroke: keystroke → results in the DOM / next frame / after paint. */
  allDone: Summary;
  allFrame: Summary;
  allPainted: Summary;
  /** Keystroke → the app's search cursor opened (React + useLiveQuery scheduling before any IndexedDB work). */
  queryStart: Summary;
  /** The app's own IndexedDB search transaction, keystroke → complete. */
  searchTx: Summary;
  /**
   * Where a keystroke's time goes (dom-mode keystrokes with both marks): scheduling =
   * keystroke → cursor opened; indexedDb = cursor opened → transaction complete;
   * render = transaction complete → expected results in the DOM (≤ 0 when React has
   * already committed them by the time the transaction's complete event fires).
   */
  stages: { scheduling: Summary; indexedDb: Summary; render: Summary };
  /** Only each query's last keystroke. */
  lastPainted: Summary;
  byCategory: Record<string, Summary>;
  slowest: Array<{ prefix: string; category: string; paintedMs: number; doneMs: number; queryStartMs: number | null; txMs: number | null; scanned: number }>;
}

export function typeaheadFigures(records: readonly (KeystrokeRecord & { scanned: number })[], failures: number): TypeaheadFigures {
  const ok = records.filter((r) => r.timing.ok);
  const byCategory: Record<string, Summary> = {};
  for (const category of new Set(ok.map((r) => r.category))) {
    byCategory[category] = summarize(ok.filter((r) => r.category === category).map((r) => r.timing.paintedMs));
  }
  return {
    keystrokes: records.length,
    failures,
    txModeKeystrokes: ok.filter((r) => r.timing.mode === 'tx').length,
    allDone: summarize(ok.map((r) => r.timing.doneMs)),
    allFrame: summarize(ok.map((r) => r.timing.frameMs)),
    allPainted: summarize(ok.map((r) => r.timing.paintedMs)),
    queryStart: summarize(ok.flatMap((r) => (r.timing.queryStartMs === null ? [] : [r.timing.queryStartMs]))),
    searchTx: summarize(ok.flatMap((r) => (r.timing.txMs === null ? [] : [r.timing.txMs]))),
    stages: (() => {
      const both = ok.filter((r) => r.timing.mode === 'dom' && r.timing.queryStartMs !== null && r.timing.txMs !== null);
      return {
        scheduling: summarize(both.map((r) => r.timing.queryStartMs!)),
        indexedDb: summarize(both.map((r) => r.timing.txMs! - r.timing.queryStartMs!)),
        render: summarize(both.map((r) => r.timing.doneMs - r.timing.txMs!)),
      };
    })(),
    lastPainted: summarize(ok.filter((r) => r.last).map((r) => r.timing.paintedMs)),
    byCategory,
    slowest: [...ok]
      .sort((a, b) => b.timing.paintedMs - a.timing.paintedMs)
      .slice(0, 12)
      .map((r) => ({ prefix: r.prefix, category: r.category, paintedMs: r.timing.paintedMs, doneMs: r.timing.doneMs, queryStartMs: r.timing.queryStartMs, txMs: r.timing.txMs, scanned: r.scanned })),
  };
}

export function baselineFigures(samples: readonly BaselineSample[]) {
  return {
    queries: samples.length,
    bareTerms: summarize(samples.map((s) => s.bareTermsMs)),
    searchPatrons: summarize(samples.map((s) => s.searchPatronsMs)),
    lastNameIgnoreCase: summarize(samples.map((s) => s.lastNameMs)),
    lastNameEmpty: samples.filter((s) => s.lastNameHits === 0).length,
    searchPatronsEmpty: samples.filter((s) => s.searchPatronsHits === 0).length,
  };
}

export function coldFigures(runs: readonly ColdRun[]) {
  const groups: Record<string, { runs: number; failed: number; searchBox: Summary; resultPainted: Summary; resultDom: Summary; responseEnd: Summary; warmupPaintedMs: number }> = {};
  for (const key of new Set(runs.map((r) => `${r.target}/${r.fresh}`))) {
    const all = runs.filter((r) => `${r.target}/${r.fresh}` === key);
    const measured = all.filter((r) => !r.warmup && r.timing.ok);
    groups[key] = {
      runs: measured.length,
      failed: all.filter((r) => !r.timing.ok).length,
      responseEnd: summarize(measured.map((r) => r.timing.responseEndMs)),
      searchBox: summarize(measured.map((r) => r.timing.searchBoxMs)),
      resultDom: summarize(measured.map((r) => r.timing.resultDomMs)),
      resultPainted: summarize(measured.map((r) => r.timing.resultPaintedMs)),
      warmupPaintedMs: all.find((r) => r.warmup)?.timing.resultPaintedMs ?? Number.NaN,
    };
  }
  return groups;
}

const f = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '—');
const rate = (r: number) => Math.round(r).toLocaleString('en-GB');
const line = (s: Summary) => `p50 ${f(s.p50)}  p95 ${f(s.p95)}  max ${f(s.max)} ms  (n=${s.n})`;

export function printReport(r: {
  seed: SeedResult | null;
  index: IndexCostResult | null;
  typeahead: TypeaheadFigures | null;
  baselines: ReturnType<typeof baselineFigures> | null;
  cold: ReturnType<typeof coldFigures> | null;
  searchIndex?: SearchIndexCost;
  appIndex?: AppIndexReady | null;
}): string {
  const out: string[] = [];
  if (r.seed) {
    out.push(`Seeding ${rate(r.seed.patrons)} patrons + ${rate(r.seed.notes)} notes (bulkPut, ${r.seed.chunk} rows/call):`);
    out.push(`  patrons ${rate(r.seed.patronRowsPerSec)} rows/s, notes ${rate(r.seed.noteRowsPerSec)} rows/s; generation ${f(r.seed.generateMs / 1000)} s; total ${f(r.seed.totalMs / 1000)} s`);
  } else out.push('Seeding: cached database reused (use --reseed to measure it)');
  if (r.index) {
    const none = r.index.variants.find((v) => v.variant === 'primary key only')?.medianRowsPerSec ?? Number.NaN;
    out.push(`Index cost (bulkPut of ${rate(r.index.rows)} patrons, median of ${r.index.rounds} rounds; ${r.index.avgTermsPerPatron.toFixed(2)} terms/patron):`);
    for (const v of r.index.variants) {
      const extra = 1e6 / v.medianRowsPerSec - 1e6 / none;
      out.push(`  ${v.variant.padEnd(24)} ${`'${v.schema}'`.padEnd(42)} ${rate(v.medianRowsPerSec).padStart(7)} rows/s ${f(1e6 / v.medianRowsPerSec).padStart(7)} µs/row${v.variant === 'primary key only' ? '' : ` (${extra >= 0 ? '+' : '−'}${f(Math.abs(extra))} over primary key only)`}   [${v.rowsPerSec.map(rate).join(', ')}]`);
    }
    out.push(`  notes (real schema) ${rate(r.index.notes.medianRowsPerSec)} rows/s; patronSearchTerms ${f(r.index.termsMicrosPerPatron)} µs/patron`);
  }
  if (r.typeahead) {
    const t = r.typeahead;
    out.push(`Type-ahead in the app (${t.keystrokes} keystrokes, ${t.failures} failed, ${t.txModeKeystrokes} with an unchanged list):`);
    out.push(`  keystroke → painted   ${line(t.allPainted)}   goal p95 ≤ 16 ms`);
    out.push(`  keystroke → DOM       ${line(t.allDone)}`);
    out.push(`  keystroke → frame     ${line(t.allFrame)}`);
    out.push(`  search cursor opened  ${line(t.queryStart)}`);
    out.push(`  search tx complete    ${line(t.searchTx)}`);
    out.push(`  stages: scheduling    ${line(t.stages.scheduling)}`);
    out.push(`          indexedDB     ${line(t.stages.indexedDb)}`);
    out.push(`          DOM − tx done ${line(t.stages.render)}`);
    out.push(`  last key of a query   ${line(t.lastPainted)}`);
    for (const [c, s] of Object.entries(t.byCategory)) out.push(`    ${c.padEnd(14)} ${line(s)}`);
  }
  if (r.searchIndex) {
    const x = r.searchIndex;
    out.push(`In-memory search index (bench page): load ${f(x.loadMs)} ms, heap +${f(x.heapBytes / 2 ** 20)} MiB, ${x.longTasks} long tasks (longest ${f(x.longestTaskMs)} ms)`);
    out.push(`  ${x.stats.patrons} patrons, ${x.stats.keys} keys, ${x.stats.entries} entries; search ${line(x.search)}`);
  }
  if (r.appIndex !== undefined) {
    out.push(r.appIndex ? `  in the app: ready ${f(r.appIndex.readyAtMs)} ms after navigation (load ${f(r.appIndex.loadMs)} ms)` : '  in the app: never ready (every keystroke read IndexedDB)');
  }
  if (r.baselines) {
    const b = r.baselines;
    out.push(`Query baselines in-page, no React (${b.queries} query texts):`);
    out.push(`  terms startsWith().limit(20)       ${line(b.bareTerms)}`);
    out.push(`  app searchPatrons()                ${line(b.searchPatrons)}`);
    out.push(`  lastName startsWithIgnoreCase()    ${line(b.lastNameIgnoreCase)}  (${b.lastNameEmpty} found nothing)`);
  }
  if (r.cold) {
    out.push('Cold start (navigation start → first result painted; median/p95):');
    for (const [k, g] of Object.entries(r.cold)) {
      out.push(`  ${k.padEnd(13)} search box ${f(g.searchBox.p50)}/${f(g.searchBox.p95)} ms, result painted ${f(g.resultPainted.p50)}/${f(g.resultPainted.p95)} ms (n=${g.runs}, ${g.failed} failed)${k.startsWith('app') ? '   goal ≤ 600 ms' : ''}`);
    }
  }
  return out.join('\n');
}
