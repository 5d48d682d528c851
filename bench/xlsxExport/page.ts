import { measureAppWorker, type AppWorkerFigures } from './measureAppWorker';
import { measureExports, type ExportFigures } from './measureExports';
import { measureReports, type ReportFigures } from './measureReports';

declare global {
  interface Window {
    measureExports: (rows: number) => Promise<ExportFigures>;
    measureExportsInWorker: (rows: number) => Promise<ExportFigures & { mainThreadLongestGapMs: number }>;
    measureReports: (rows: number) => Promise<ReportFigures>;
    measureAppWorker: (rows: number) => Promise<AppWorkerFigures>;
  }
}

// The Node side (run.ts) calls these through page.evaluate.
window.measureExports = measureExports;
window.measureReports = measureReports;
window.measureAppWorker = measureAppWorker;

/** The same figures from a Web Worker, and the longest the page's own thread went without a timer tick meanwhile. */
window.measureExportsInWorker = (rows) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./exportWorker.ts', import.meta.url), { type: 'module' });
    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    worker.onmessage = (event: MessageEvent<ExportFigures>) => {
      clearInterval(ticker);
      worker.terminate();
      resolve({ ...event.data, mainThreadLongestGapMs: longest });
    };
    worker.onerror = (event) => {
      clearInterval(ticker);
      reject(new Error(event.message));
    };
    worker.postMessage(rows);
  });
