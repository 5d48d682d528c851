import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LOG_COLUMNS } from '@shared/log/logColumns';
import { TEST_CONTEXT, TEST_HEADING, TRICKY_ENTRIES } from './exportFixtures';
import { buildLogXlsx } from './logXlsx';
import { summarizeEntries } from './summarizeEntries';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

const col = (key: string) => LOG_COLUMNS.findIndex((c) => c.key === key) + 1;

describe('XLSX export', () => {
  it('writes a bold, frozen, filtered header and typed cells', async () => {
    const workbook = await readBack(await buildLogXlsx(TRICKY_ENTRIES, summarizeEntries(TRICKY_ENTRIES), TEST_HEADING));
    const sheet = workbook.getWorksheet('Entries')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...LOG_COLUMNS.map((c) => c.header)]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:T${TRICKY_ENTRIES.length + 1}`); // 20 columns: A…T
    expect(sheet.rowCount).toBe(TRICKY_ENTRIES.length + 1);

    const first = sheet.getRow(2);
    // 09:30Z in July is 10:30 in London: the wall clock, as a date cell.
    expect(first.getCell(col('time_local')).value).toEqual(new Date(Date.UTC(2026, 6, 1, 10, 30)));
    expect(first.getCell(col('time_local')).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(first.getCell(col('time_utc')).value).toBe('2026-07-01T09:30:00.000Z');
    expect(first.getCell(col('minutes_since_created')).value).toBe(90);
    expect(first.getCell(col('branch')).value).toBe('Main, Ground floor');
    for (const c of LOG_COLUMNS) expect(sheet.getColumn(col(c.key)).width).toBeGreaterThanOrEqual(10);
  });

  it('keeps formula-looking text as string cells, exactly as typed', async () => {
    const workbook = await readBack(await buildLogXlsx(TRICKY_ENTRIES, summarizeEntries(TRICKY_ENTRIES), TEST_HEADING));
    const row = workbook.getWorksheet('Entries')!.getRow(5);
    const patron = row.getCell(col('patron'));
    expect(patron.value).toBe('=HYPERLINK("http://x")');
    expect(patron.type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(col('comment')).value).toBe('+44 20 7946 0000');
    expect(row.getCell(col('staff')).value).toBe('@desk');
  });

  it('writes empty cells for missing values and local times across the DST change', async () => {
    const workbook = await readBack(await buildLogXlsx(TRICKY_ENTRIES, summarizeEntries(TRICKY_ENTRIES), TEST_HEADING));
    const sheet = workbook.getWorksheet('Entries')!;
    const reassigned = sheet.getRow(7);
    expect(reassigned.getCell(col('channel')).value).toBeNull();
    expect(reassigned.getCell(col('minutes_since_created')).value).toBeNull();
    // 00:59Z on 29 March 2026 is 00:59 GMT; 01:00Z is 02:00 BST.
    expect(reassigned.getCell(col('time_local')).value).toEqual(new Date(Date.UTC(2026, 2, 29, 0, 59)));
    expect(sheet.getRow(8).getCell(col('time_local')).value).toEqual(new Date(Date.UTC(2026, 2, 29, 2, 0)));
  });

  it('adds a Totals sheet with the period, filters, zone and counts as numbers', async () => {
    const summary = summarizeEntries(TRICKY_ENTRIES);
    const workbook = await readBack(await buildLogXlsx(TRICKY_ENTRIES, summary, TEST_HEADING));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Entries', 'Totals']);
    const rows = new Map<string, unknown>();
    workbook.getWorksheet('Totals')!.eachRow((row) => {
      const [label, value] = [row.getCell(1).value, row.getCell(2).value];
      if (typeof label === 'string') rows.set(label, value);
    });
    expect(rows.get('Follow-up log')).toBeNull();
    expect(rows.get('Period')).toBe('1 Mar 2026 – 31 Oct 2026');
    expect(rows.get('Time zone')).toBe(TEST_CONTEXT.timeZone);
    expect(rows.get('Filters')).toBe('Staff: Anna Øberg');
    expect(rows.get('Entries')).toBe(TRICKY_ENTRIES.length);
    expect(rows.get('Done')).toBe(summary.byType.done);
    expect(rows.get('Left message')).toBe(1);
    expect(rows.get('Phone')).toBe(summary.byChannel.phone);
    expect(rows.get('In person')).toBe(1);
  });
});
