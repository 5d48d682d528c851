import type { LogExportContext } from '@shared/log/logColumns';
import { buildLogXlsxInWorker } from '../../renderer/features/log/export/buildLogXlsxInWorker';
import { summarizeEntries } from '../../renderer/features/log/export/summarizeEntries';
import { BENCH_BRANCH_NAMES, generateEntries } from './generateEntries';

export interface AppWorkerFigures {
  rows: number;
  /** The app's XLSX path (buildLogXlsxInWorker): entries cloned into a worker, built there, bytes transferred back. */
  xlsxMs: number;
  xlsxBytes: number;
  /** Longest gap between two 10 ms timer ticks on the page's thread meanwhile: how long the window could not paint. */
  pageLongestGapMs: number;
  /** Longest time between two progress reports reaching the page (the zip step sends none). */
  longestProgressGapMs: number;
  /** Cancel pressed 1 s into the zip step: time until the export reported itself cancelled. */
  cancelAnsweredMs: number;
  /** Longest page-thread gap during the cancelled run. */
  cancelRunPageLongestGapMs: number;
}

function pageTicker() {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  return { stop: () => (clearInterval(timer), longest) };
}

/** Runs in the page: the XLSX export as the app runs it (its worker), then a run cancelled mid-zip. */
export async function measureAppWorker(rows: number): Promise<AppWorkerFigures> {
  const entries = generateEntries(rows);
  const context: LogExportContext = { timeZone: 'Europe/London', branchNames: BENCH_BRANCH_NAMES };
  const summary = summarizeEntries(entries);
  const heading = { title: 'Follow-up log', filter: { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) }, context, exportedAt: Date.now() };

  let ticker = pageTicker();
  let lastProgress = performance.now();
  let longestProgressGapMs = 0;
  let t = performance.now();
  const bytes = await buildLogXlsxInWorker(entries, summary, heading, {
    onProgress: () => {
      const now = performance.now();
      longestProgressGapMs = Math.max(longestProgressGapMs, now - lastProgress);
      lastProgress = now;
    },
  });
  const xlsxMs = performance.now() - t;
  const pageLongestGapMs = ticker.stop();

  ticker = pageTicker();
  const controller = new AbortController();
  let abortedAt = 0;
  t = performance.now();
  const cancelled = buildLogXlsxInWorker(entries, summary, heading, {
    signal: controller.signal,
    onProgress: (done, total) => {
      if (done === total / 2 && !abortedAt) {
        setTimeout(() => {
          abortedAt = performance.now();
          controller.abort();
        }, 1000);
      }
    },
  }).then(
    () => { throw new Error('the cancelled export finished anyway'); },
    () => performance.now(),
  );
  const answeredAt = await cancelled;
  return {
    rows,
    xlsxMs,
    xlsxBytes: bytes.length,
    pageLongestGapMs,
    longestProgressGapMs,
    cancelAnsweredMs: answeredAt - abortedAt,
    cancelRunPageLongestGapMs: ticker.stop(),
  };
}
