import ExcelJS from 'exceljs';
import { LOG_COLUMNS, logRowCells, type LogCell } from '@shared/log/logColumns';
import type { LogEntry } from '@shared/log/logEntry';
import type { LogSummary } from '@shared/log/logSummary';
import type { LogExportHeading } from './exportHeading';
import { enterStage, forEachInChunks, throwIfCancelled, type ExportRunOptions } from './exportProgress';
import { addTotalsSheet } from './xlsxTotalsSheet';
import { localClock, type LocalClock } from './localClock';

export const LOCAL_DATE_FORMAT = 'yyyy-mm-dd hh:mm';

type CellValue = string | number | Date | null;

/**
 * The log as an XLSX workbook: sheet "Entries" (one row per entry, LOG_COLUMNS; local
 * times as real date cells, numbers as numbers, text as text — never a formula), then sheet
 * "Totals" (the summary with the period, filters and time zone). Progress counts the rows
 * twice: once laid out, once written into the zip.
 */
export async function buildLogXlsx(
  entries: readonly LogEntry[],
  summary: LogSummary,
  heading: LogExportHeading,
  options: ExportRunOptions = {},
): Promise<Uint8Array> {
  const clock = localClock(heading.context.timeZone);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Desk Diary';
  workbook.created = new Date(heading.exportedAt);
  const sheet = workbook.addWorksheet('Entries', { views: [{ state: 'frozen', ySplit: 1 }] });
  // Column styles first: exceljs gives each new cell its column's style. Only the date and
  // number columns get one: exceljs registers every styled cell's style while writing.
  sheet.columns = LOG_COLUMNS.map((c, i) => {
    const numFmt = numFmtOf(c.key);
    return { header: c.header, key: c.key, width: columnWidth(c.header, entries, i, heading), ...(numFmt ? { style: { numFmt } } : {}) };
  });
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: entries.length + 1, column: LOG_COLUMNS.length } };

  const total = entries.length * 2;
  await forEachInChunks(entries, { ...options, onProgress: (done) => options.onProgress?.(done, total) }, (entry) => {
    sheet.addRow(logRowCells(entry, heading.context).map((cell) => xlsxValue(cell, clock)));
  });
  addTotalsSheet(workbook, summary, heading);
  throwIfCancelled(options.signal);
  await enterStage(options, 'writing-file');
  // The zip is written in one go (exceljs cannot pause it, ~20 s for 100,000 entries): the app
  // runs this builder in a Web Worker (buildLogXlsxInWorker), whose Cancel terminates it.
  // Deflate level 1: about 15% faster than the default for files ~25% larger. Measured and
  // not taken (bench/RESULTS.md §6.1): STORE (25–30% faster, 6× the file: the XML building,
  // not the deflate, is most of the cost), useSharedStrings: false (ignored by this writer),
  // useStyles: false (loses the date formats and the bold header).
  const buffer = await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } });
  throwIfCancelled(options.signal);
  options.onProgress?.(total, total);
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A cell's value as exceljs types it: a string is always a string cell (a formula needs a { formula } object). */
export function xlsxValue(cell: LogCell, clock: LocalClock): CellValue {
  switch (cell.kind) {
    case 'text':
      return cell.value;
    case 'number':
      return cell.value;
    case 'instant':
      return new Date(cell.at).toISOString();
    case 'local':
      return clock.wallClockDate(cell.at);
    case 'empty':
      return null;
  }
}

function numFmtOf(key: string): string | undefined {
  if (key.endsWith('_local')) return LOCAL_DATE_FORMAT;
  if (key === 'minutes_since_created') return '0';
  return undefined;
}

/** Wide enough for the header and the longest text in the first rows, within 10–60 characters. */
function columnWidth(header: string, entries: readonly LogEntry[], index: number, heading: LogExportHeading): number {
  let longest = header.length;
  for (const entry of entries.slice(0, 200)) {
    const cell = LOG_COLUMNS[index]!.cell(entry, heading.context);
    const length = cell.kind === 'text' ? cell.value.length : cell.kind === 'instant' ? 24 : cell.kind === 'local' ? 16 : cell.kind === 'number' ? 8 : 0;
    longest = Math.max(longest, length);
  }
  return Math.min(60, Math.max(10, longest + 2));
}
