import type { LogExportContext } from '@shared/log/logColumns';
import { buildLogCsv } from '../../renderer/features/log/export/logCsv';
import { buildLogXlsx } from '../../renderer/features/log/export/logXlsx';
import { summarizeEntries } from '../../renderer/features/log/export/summarizeEntries';
import { BENCH_BRANCH_NAMES, generateEntries } from './generateEntries';

export interface ExportFigures {
  rows: number;
  generateMs: number;
  csvMs: number;
  csvBytes: number;
  /** Longest time between two progress reports: how long the UI could not paint or take a Cancel click. */
  csvLongestStallMs: number;
  xlsxMs: number;
  xlsxBytes: number;
  xlsxLongestStallMs: number;
  /** The part of xlsxMs spent writing the zip after the last row (one uninterruptible step). */
  xlsxZipMs: number;
}

/** Builds the CSV and the XLSX of `rows` generated entries and times them (runs in the page and in Node alike). */
export async function measureExports(rows: number): Promise<ExportFigures> {
  let t = performance.now();
  const entries = generateEntries(rows);
  const generateMs = performance.now() - t;
  const context: LogExportContext = { timeZone: 'Europe/London', branchNames: BENCH_BRANCH_NAMES };

  const stalls = () => {
    let last = performance.now();
    let longest = 0;
    let rowsDoneAt = 0;
    return {
      onProgress: (done: number, total: number) => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        if (done === total / 2) rowsDoneAt = now;
      },
      longest: () => longest,
      rowsDoneAt: () => rowsDoneAt,
    };
  };

  const csvStalls = stalls();
  t = performance.now();
  const csv = await buildLogCsv(entries, context, { onProgress: csvStalls.onProgress });
  const csvMs = performance.now() - t;

  const xlsxStalls = stalls();
  t = performance.now();
  const xlsx = await buildLogXlsx(entries, summarizeEntries(entries), {
    title: 'Follow-up log', filter: { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) }, context, exportedAt: Date.now(),
  }, { onProgress: xlsxStalls.onProgress });
  const xlsxEnd = performance.now();
  return {
    rows,
    generateMs,
    csvMs,
    csvBytes: csv.length,
    csvLongestStallMs: csvStalls.longest(),
    xlsxMs: xlsxEnd - t,
    xlsxBytes: xlsx.length,
    xlsxLongestStallMs: xlsxStalls.longest(),
    xlsxZipMs: xlsxEnd - xlsxStalls.rowsDoneAt(),
  };
}
