import type { LogEntry } from '@shared/log/logEntry';
import type { LogSummary } from '@shared/log/logSummary';
import type { LogExportHeading } from './exportHeading';
import { buildLogXlsx } from './logXlsx';

/** What the page sends the XLSX worker: everything buildLogXlsx needs (plain data, structured-cloned). */
export interface XlsxJobRequest {
  entries: readonly LogEntry[];
  summary: LogSummary;
  heading: LogExportHeading;
}

/** What the worker sends back: progress while it builds, then the file or the error's message. */
export type XlsxJobMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; bytes: Uint8Array }
  | { kind: 'failed'; message: string };

/** Posts one message to the page; `transfer` hands the file's buffer over instead of copying it. */
export type PostXlsxJobMessage = (message: XlsxJobMessage, transfer?: Transferable[]) => void;

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
