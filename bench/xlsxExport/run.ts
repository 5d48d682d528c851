import { createServer } from 'node:http';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { assertChromium, CHROMIUM_PATH } from '../node/browser';
import type { AppWorkerFigures } from './measureAppWorker';
import { measureExports, type ExportFigures } from './measureExports';
import type { ReportFigures } from './measureReports';

/**
 * `npm run bench:xlsx [-- --rows N]`: the XLSX and CSV exports of N (default 100,000)
 * realistic log entries, timed in headless Chromium (the app's bundle: exceljs's browser
 * build) on the page's thread and in a Web Worker, then in Node (the test runtime); the
 * app's own XLSX path (buildLogXlsxInWorker: page-thread stalls, and Cancel during the zip
 * step); and, in Chromium, the PDF report of those entries (table capped) and an .ics of
 * 1,000 follow-ups.
 * Writes bench/.results/xlsx-export.json.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const PAGE_DIR = here('../.results/xlsx-export-page');
const rowsArg = process.argv.indexOf('--rows');
const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

type WorkerFigures = ExportFigures & { mainThreadLongestGapMs: number };

async function inChromium(): Promise<{ figures: ExportFigures; worker: WorkerFigures; appWorker: AppWorkerFigures; reports: ReportFigures; version: string }> {
  assertChromium();
  await build({ configFile: here('./vite.config.ts') });
  const server = createServer(async (req, res) => {
    const path = normalize(join(PAGE_DIR, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'page.html') : path;
    const body = file.startsWith(PAGE_DIR) ? await readFile(file).catch(() => undefined) : undefined;
    if (body) res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/page.html`);
    await page.waitForFunction(() => typeof window.measureExports === 'function');
    const figures = await page.evaluate((n) => window.measureExports(n), rows);
    const worker = await page.evaluate((n) => window.measureExportsInWorker(n), rows);
    // The app's own XLSX path (buildLogXlsxInWorker), and Cancel pressed during its zip step.
    const appWorker = await page.evaluate((n) => window.measureAppWorker(n), rows);
    // Also proves pdfmake (lazy-loaded browser build) and ical-generator work from the app's bundle.
    const reports = await page.evaluate((n) => window.measureReports(n), rows);
    return { figures, worker, appWorker, reports, version: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

const round = (figures: ExportFigures | WorkerFigures | AppWorkerFigures | ReportFigures) => Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v)]));

async function main(): Promise<void> {
  const started = new Date();
  const loadBefore = loadavg()[0]!;
  const chromiumRun = await inChromium();
  console.log(`Chromium ${chromiumRun.version}:`, round(chromiumRun.figures));
  console.log('Chromium, in a Web Worker:', round(chromiumRun.worker));
  console.log("Chromium, the app's XLSX worker (buildLogXlsxInWorker):", round(chromiumRun.appWorker));
  console.log('Chromium, PDF report and .ics:', round(chromiumRun.reports));
  const node = await measureExports(rows);
  console.log(`Node ${process.version}:`, round(node));
  const result = {
    date: started.toISOString(),
    command: `npm run bench:xlsx -- --rows ${rows}`,
    machine: { nproc: cpus().length, cpu: cpus()[0]?.model, loadBefore, loadAfter: loadavg()[0] },
    chromium: { version: chromiumRun.version, ...round(chromiumRun.figures) },
    chromiumWorker: round(chromiumRun.worker),
    chromiumAppXlsxWorker: round(chromiumRun.appWorker),
    chromiumReports: round(chromiumRun.reports),
    node: { version: process.version, ...round(node) },
  };
  await mkdir(here('../.results'), { recursive: true });
  await writeFile(here('../.results/xlsx-export.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
