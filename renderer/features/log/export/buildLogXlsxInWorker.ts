import { DeskError } from '@shared/errors/deskError';
import type { LogEntry } from '@shared/log/logEntry';
import type { LogSummary } from '@shared/log/logSummary';
import type { LogExportHeading } from './exportHeading';
import { exportCancelled, type ExportRunOptions } from './exportProgress';
import type { XlsxJobMessage, XlsxJobRequest } from './xlsxJob';

/**
 * buildLogXlsx in a Web Worker of its own: the same bytes, but exceljs's long, uninterruptible
 * zip step (~20 s for 100,000 entries, bench/RESULTS.md §6) runs off the window's thread, so
 * the progress bar keeps moving and Cancel answers at once by terminating the worker.
 *
 * Vite bundles the worker (with exceljs) as its own module file from this `new URL(...)`:
 * same origin as the app, so the CSPs' `script-src 'self'` (which `worker-src` falls back to)
 * allows it, in Electron and in the web build alike. One worker per export: no state lingers.
 */
export function buildLogXlsxInWorker(
  entries: readonly LogEntry[],
  summary: LogSummary,
  heading: LogExportHeading,
  options: ExportRunOptions = {},
): Promise<Uint8Array> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(exportCancelled());
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xlsxWorker.ts', import.meta.url), { type: 'module', name: 'xlsx-export' });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      finish();
      reject(exportCancelled());
    };
    signal?.addEventListener('abort', cancel, { once: true });
    worker.onmessage = (event: MessageEvent<XlsxJobMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') {
        onProgress?.(message.done, message.total);
        return;
      }
      finish();
      if (message.kind === 'done') resolve(message.bytes);
      else reject(new DeskError('internal', `The workbook could not be built: ${message.message}`));
    };
    // A worker that fails to load or throws outside runXlsxJob (it catches its own errors).
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(new DeskError('internal', `The workbook could not be built: ${event.message || 'the export worker failed to start'}`));
    };
    const request: XlsxJobRequest = { entries, summary, heading };
    worker.postMessage(request);
  });
}
