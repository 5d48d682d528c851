import type { Content, TableCell } from 'pdfmake/interfaces';
import { csvCellText } from '@shared/log/logCellText';
import { LOG_COLUMNS, type LogExportContext } from '@shared/log/logColumns';
import type { LogEntry } from '@shared/log/logEntry';
import { forEachInChunks, type ExportRunOptions } from './exportProgress';

/** The columns that fit a landscape A4 page, with their widths in points ('*' takes the rest). */
export const PDF_TABLE_COLUMNS: ReadonlyArray<{ key: string; width: number | '*' }> = [
  { key: 'time_local', width: 62 },
  { key: 'entry', width: 48 },
  { key: 'outcome', width: 54 },
  { key: 'patron', width: 96 },
  { key: 'channel', width: 40 },
  { key: 'reason', width: 110 },
  { key: 'staff', width: 64 },
  { key: 'branch', width: 64 },
  { key: 'comment', width: '*' },
];

const columns = PDF_TABLE_COLUMNS.map(({ key, width }) => {
  const column = LOG_COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`PDF table column ${key} is not a log column`);
  return { column, width };
});

/**
 * The entries as a pdfmake table whose header repeats on every page. Cells are the CSV
 * text of each column (dates as "yyyy-MM-dd HH:mm" in the zone) but without the formula
 * apostrophe: a PDF runs nothing, so it shows text exactly as typed.
 */
export async function buildEntriesTable(entries: readonly LogEntry[], ctx: LogExportContext, options: ExportRunOptions): Promise<Content> {
  const body: TableCell[][] = [columns.map(({ column }) => ({ text: column.header, style: 'tableHeader' }))];
  await forEachInChunks(entries, options, (entry) => {
    body.push(columns.map(({ column }) => {
      const cell = column.cell(entry, ctx);
      return cell.kind === 'text' ? cell.value : csvCellText(cell, ctx.timeZone);
    }));
  });
  return { table: { headerRows: 1, widths: columns.map((c) => c.width), body }, layout: 'lightHorizontalLines', fontSize: 7.5 };
}
