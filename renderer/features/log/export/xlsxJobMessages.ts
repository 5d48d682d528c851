import type { LogEntry } from '@shared/log/logEntry';
import type { LogSummary } from '@shared/log/logSummary';
import type { LogExportHeading } from './exportHeading';
import type { ExportStage } from './exportProgress';

/*
 * The messages between the page and the XLSX worker, apart from the job itself (xlsxJob.ts)
 * so that the page's side imports no exceljs: the worker's bundle carries it.
 */

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

/** What the worker sends back: progress while it builds (and the step without progress), then the file or the error's message. */
export type XlsxJobMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'stage'; stage: ExportStage }
  | { kind: 'done'; bytes: Uint8Array }
  | { kind: 'failed'; message: string };

/** Posts one message to the page; `transfer` hands the file's buffer over instead of copying it. */
export type PostXlsxJobMessage = (message: XlsxJobMessage, transfer?: Transferable[]) => void;

/** Entries per postMessage from the page: ~20 ms of cloning each. */
export const XLSX_JOB_SLICE = 5_000;
