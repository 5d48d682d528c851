import { DeskError } from '@shared/errors/deskError';
import type { LogEntry } from '@shared/log/logEntry';
import type { LogSummary } from '@shared/log/logSummary';
import type { LogExportHeading } from './exportHeading';
import { exportCancelled, yieldToEventLoop, type ExportRunOptions } from './exportProgress';
import { XLSX_JOB_SLICE, type XlsxJobInput, type XlsxJobMessage } from './xlsxJobMessages';

/**
 * buildLogXlsx in a Web Worker of its own: the same bytes, but exceljs's long, uninterruptible
 * zip step (~20 s for 100,000 entries, bench/RESULTS.md §6) runs off the window's thread, so
 * the progress bar keeps moving and Cancel answers at once by terminating the worker.
 *
 * Vite bundles the worker (with exceljs) as its own module file from this `new URL(...)`:
 * same origin as the app, which both CSPs allow with `worker-src 'self'` (electron/ and the
 * web host's). One worker per export: no state lingers between exports.
 *
 * A host that refuses to start the worker (it never answered, e.g. a module worker from a
 * file:// page where the engine forbids it) still gets its file: the workbook is then built
 * on the page's thread as before, slower to cancel but complete.
 */
export function buildLogXlsxInWorker(
  entries: readonly LogEntry[],
  summary: LogSummary,
  heading: LogExportHeading,
  options: ExportRunOptions = {},
): Promise<Uint8Array> {
  const { signal, onProgress, onStage } = options;
  if (signal?.aborted) return Promise.reject(exportCancelled());
  const onPage = () => import('./logXlsx').then(({ buildLogXlsx }) => buildLogXlsx(entries, summary, heading, options));
  let worker: Worker;
  try {
    worker = new Worker(new URL('./xlsxWorker.ts', import.meta.url), { type: 'module', name: 'xlsx-export' });
  } catch {
    return onPage();
  }
  return new Promise((resolve, reject) => {
    let answered = false;
    let closed = false;
    const finish = () => {
      closed = true;
      worker.terminate();
      signal?.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      finish();
      reject(exportCancelled());
    };
    signal?.addEventListener('abort', cancel, { once: true });
    worker.onmessage = (event: MessageEvent<XlsxJobMessage>) => {
      answered = true;
      const message = event.data;
      if (message.kind === 'progress') {
        onProgress?.(message.done, message.total);
        return;
      }
      if (message.kind === 'stage') {
        onStage?.(message.stage);
        return;
      }
      finish();
      if (message.kind === 'done') resolve(message.bytes);
      else reject(new DeskError('internal', `The workbook could not be built: ${message.message}`));
    };
    // The worker's script failed to load or start (runXlsxJob catches its own errors).
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      if (answered) reject(new DeskError('internal', `The workbook could not be built: ${event.message || 'the export worker stopped'}`));
      else onPage().then(resolve, reject);
    };
    void (async () => {
      // In slices, yielding between them: one clone of every entry would hold this thread.
      for (let start = 0; start < entries.length; start += XLSX_JOB_SLICE) {
        if (start > 0) await yieldToEventLoop();
        if (closed) return;
        const slice: XlsxJobInput = { kind: 'entries', entries: entries.slice(start, start + XLSX_JOB_SLICE) };
        worker.postMessage(slice);
      }
      const build: XlsxJobInput = { kind: 'build', summary, heading };
      worker.postMessage(build);
    })();
  });
}
