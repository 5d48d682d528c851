import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCellText } from '@shared/log/logCellText';
import { LOG_COLUMNS, logRowCells } from '@shared/log/logColumns';
import { TEST_CONTEXT, TEST_HEADING, TRICKY_ENTRIES } from '../../renderer/features/log/export/exportFixtures';
import { buildLogCsv } from '../../renderer/features/log/export/logCsv';
import { buildLogXlsx } from '../../renderer/features/log/export/logXlsx';
import { summarizeEntries } from '../../renderer/features/log/export/summarizeEntries';
import { convertWithLibreOffice } from './officeTools';

/*
 * The files opened in a real spreadsheet (LibreOffice Calc) and saved back as CSV: every
 * cell must read as the source says, as text a person sees.
 */

/** What a user sees in each cell: the CSV text, with the neutralising apostrophe kept (it is in the file). */
const expectedRows = () => TRICKY_ENTRIES.map((e) => logRowCells(e, TEST_CONTEXT).map((cell) => csvCellText(cell, TEST_CONTEXT.timeZone)));
const header = LOG_COLUMNS.map((c) => c.header);

function readCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

describe('exports opened in LibreOffice Calc', () => {
  it('CSV: every cell arrives as written — accents, CJK, emoji, quotes, line breaks, dates, numbers, neutralised formulas', async () => {
    const csv = await buildLogCsv(TRICKY_ENTRIES, TEST_CONTEXT);
    const rows = readCsv(await convertWithLibreOffice(csv, 'csv', 'CSV:44,34,76,1'));
    expect(rows[0]).toEqual(header);
    // LibreOffice writes line breaks inside a cell as LF; CR LF in the source is one break too.
    // It reads "2026-07-01 10:30" as a date (proof it is one, not text) and shows it with seconds.
    const local = new Set(LOG_COLUMNS.flatMap((c, i) => (c.key.endsWith('_local') ? [i] : [])));
    const expected = expectedRows().map((row) => row.map((cell, i) => (local.has(i) && cell !== '' ? `${cell}:00` : cell.replace(/\r\n/g, '\n'))));
    expect(rows.slice(1)).toEqual(expected);
    const patron = rows[4]![LOG_COLUMNS.findIndex((c) => c.key === 'patron')];
    expect(patron).toBe(`'=HYPERLINK("http://x")`);
  });

  it('XLSX: every cell arrives as written, formula-looking text exactly as typed, dates as local wall-clock times', async () => {
    const xlsx = await buildLogXlsx(TRICKY_ENTRIES, summarizeEntries(TRICKY_ENTRIES), TEST_HEADING);
    const rows = readCsv(await convertWithLibreOffice(xlsx, 'xlsx'));
    expect(rows[0]).toEqual(header);
    // In XLSX nothing needs neutralising: text cells stay text, so the apostrophe is not added.
    const expected = TRICKY_ENTRIES.map((e) => logRowCells(e, TEST_CONTEXT).map((cell) => (cell.kind === 'text' ? cell.value : csvCellText(cell, TEST_CONTEXT.timeZone)).replace(/\r\n/g, '\n')));
    expect(rows.slice(1)).toEqual(expected);
    expect(rows[4]![LOG_COLUMNS.findIndex((c) => c.key === 'patron')]).toBe('=HYPERLINK("http://x")');
  });
});
