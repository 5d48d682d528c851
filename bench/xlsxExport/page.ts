import { measureExports, type ExportFigures } from './measureExports';

declare global {
  interface Window {
    measureExports: (rows: number) => Promise<ExportFigures>;
  }
}

// The Node side (run.ts) calls this through page.evaluate.
window.measureExports = measureExports;
