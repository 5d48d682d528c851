import { DeskError } from '@shared/errors/deskError';

/** What every export builder accepts so a long export shows progress and can be cancelled. */
export interface ExportRunOptions {
  signal?: AbortSignal;
  /** Called after each chunk with rows done so far and the total; reaches (total, total) when the file is ready. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called when the builder starts a step that reports no progress of its own: exceljs
   * writing an XLSX's zip (~20–30 s for 100,000 entries, bench/RESULTS.md §6), pdfmake laying
   * out a PDF; so the window can say what it is waiting for instead of a bar that stands still.
   */
  onStage?: (stage: ExportStage) => void;
}

/** A builder's step that reports no progress (see ExportRunOptions.onStage). */
export type ExportStage = 'writing-file';

/** Rows handled between two yields to the event loop: 500 CSV rows take ~20 ms in Chromium (bench/RESULTS.md §6), so the progress bar moves and Cancel is heard. */
export const EXPORT_CHUNK_ROWS = 500;

/** The error a cancelled export throws: `isDeskError(err, 'aborted')` tells the UI to stay quiet. */
export function exportCancelled(): DeskError {
  return new DeskError('aborted', 'The export was cancelled.');
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw exportCancelled();
}

/*
 * A macrotask, not a microtask: only a macrotask lets the browser paint the progress bar
 * and deliver the Cancel click. MessageChannel avoids setTimeout's 4 ms clamp after nesting.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * Reports a stage (ExportRunOptions.onStage) and lets the window show it before the
 * builder's next step holds the thread: after a frame has been painted when there is one to
 * wait for (the page; the UI commits the stage synchronously), else after the tasks already
 * queued (a worker, whose messages reach the page anyway). A hidden window paints no frames:
 * the timeout keeps the export going. A Cancel heard meanwhile ends the export here, before
 * the step that cannot be interrupted.
 */
export async function enterStage(options: ExportRunOptions, stage: ExportStage): Promise<void> {
  if (!options.onStage) return;
  options.onStage(stage);
  if (typeof document === 'undefined' || typeof requestAnimationFrame !== 'function') {
    await yieldToEventLoop();
  } else {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        cancelAnimationFrame(frame);
        resolve();
      };
      const timer = setTimeout(done, 100);
      // rAF runs just before the paint; a task queued from it runs after that paint.
      const frame = requestAnimationFrame(() => setTimeout(done, 0));
    });
  }
  throwIfCancelled(options.signal);
}

/**
 * Calls `each` for every item, yielding to the event loop between chunks, reporting
 * progress (items done, items.length) and checking for cancellation before each chunk.
 * A builder with work after the rows (zipping an XLSX) passes its own scaled onProgress.
 */
export async function forEachInChunks<T>(
  items: readonly T[],
  options: ExportRunOptions,
  each: (item: T, index: number) => void,
  chunkRows = EXPORT_CHUNK_ROWS,
): Promise<void> {
  const total = items.length;
  for (let start = 0; start < total; start += chunkRows) {
    throwIfCancelled(options.signal);
    const end = Math.min(total, start + chunkRows);
    for (let i = start; i < end; i++) each(items[i]!, i);
    options.onProgress?.(end, total);
    if (end < total) await yieldToEventLoop();
  }
  throwIfCancelled(options.signal);
}
