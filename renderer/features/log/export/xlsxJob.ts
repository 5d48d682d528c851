import type { LogEntry } from '@shared/log/logEntry';
import type { LogSummary } from '@shared/log/logSummary';
import type { LogExportHeading } from './exportHeading';
import { buildLogXlsx } from './logXlsx';

/** Everything buildLogXlsx needs (plain data, structured-cloned into the worker). */
export interface XlsxJobRequest {
  entries: readonly LogEntry[];
  summary: LogSummary;
  heading: LogExportHeading;
}

/**
 * What the page sends the XLSX worker: the entries in slices, then the order to build.
 * Slices, because cloning 100,000 entries in one postMessage holds the page's thread for
 * ~0.4 s (bench/RESULTS.md §6.1); between slices the page paints and hears Cancel.
 */
export type XlsxJobInput =
  | { kind: 'entries'; entries: readonly LogEntry[] }
  | { kind: 'build'; summary: LogSummary; heading: LogExportHeading };

/** What the worker sends back: progress while it builds, then the file or the error's message. */
export type XlsxJobMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; bytes: Uint8Array }
  | { kind: 'failed'; message: string };

/** Posts one message to the page; `transfer` hands the file's buffer over instead of copying it. */
export type PostXlsxJobMessage = (message: XlsxJobMessage, transfer?: Transferable[]) => void;

/** Entries per postMessage from the page: ~20 ms of cloning each. */
export const XLSX_JOB_SLICE = 5_000;

/**
 * The worker's whole job, kept apart from the worker's global scope so it runs (and is tested)
 * anywhere: builds the workbook, reports progress, and answers with the bytes or the failure.
 * There is no cancel message: the page cancels by terminating the worker, which stops even
 * exceljs's long zip step, which cannot be interrupted from inside.
 */
export async function runXlsxJob(request: XlsxJobRequest, post: PostXlsxJobMessage): Promise<void> {
  try {
    const bytes = await buildLogXlsx(request.entries, request.summary, request.heading, {
      onProgress: (done, total) => post({ kind: 'progress', done, total }),
    });
    post({ kind: 'done', bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    post({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
}

/** The worker's message handler: gathers the slices of entries, then runs the job once told to build. */
export function xlsxJobReceiver(post: PostXlsxJobMessage): (input: XlsxJobInput) => Promise<void> {
  const entries: LogEntry[] = [];
  return async (input) => {
    if (input.kind === 'entries') {
      for (const entry of input.entries) entries.push(entry);
      return;
    }
    await runXlsxJob({ entries, summary: input.summary, heading: input.heading }, post);
  };
}
