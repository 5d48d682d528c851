import type { LogEntry } from '@shared/log/logEntry';
import { buildLogXlsx } from './logXlsx';
import type { PostXlsxJobMessage, XlsxJobInput, XlsxJobRequest } from './xlsxJobMessages';

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
      onStage: (stage) => post({ kind: 'stage', stage }),
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
