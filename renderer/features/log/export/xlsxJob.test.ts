import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TEST_CONTEXT, TEST_HEADING, TRICKY_ENTRIES } from './exportFixtures';
import { summarizeEntries } from './summarizeEntries';
import { runXlsxJob, type XlsxJobMessage } from './xlsxJob';

/** Runs the worker's job here and keeps what it would have posted to the page. */
async function run(heading = TEST_HEADING): Promise<Array<{ message: XlsxJobMessage; transfer: Transferable[] | undefined }>> {
  const posted: Array<{ message: XlsxJobMessage; transfer: Transferable[] | undefined }> = [];
  await runXlsxJob({ entries: TRICKY_ENTRIES, summary: summarizeEntries(TRICKY_ENTRIES), heading }, (message, transfer) => posted.push({ message, transfer }));
  return posted;
}

describe('the XLSX worker job', () => {
  it('reports progress up to the total, then hands over the workbook without copying it', async () => {
    const posted = await run();
    const last = posted.at(-1)!;
    expect(last.message.kind).toBe('done');
    const progress = posted.slice(0, -1).map((p) => p.message);
    expect(progress.every((m) => m.kind === 'progress')).toBe(true);
    expect(progress.at(-1)).toEqual({ kind: 'progress', done: TRICKY_ENTRIES.length * 2, total: TRICKY_ENTRIES.length * 2 });

    if (last.message.kind !== 'done') throw new Error('no workbook');
    const bytes = last.message.bytes;
    expect(last.transfer).toEqual([bytes.buffer]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Entries', 'Totals']);
    expect(workbook.getWorksheet('Entries')!.rowCount).toBe(TRICKY_ENTRIES.length + 1);
  });

  it('answers a failed build with its message instead of leaving the page waiting', async () => {
    const posted = await run({ ...TEST_HEADING, context: { ...TEST_CONTEXT, timeZone: 'Nowhere/Atlantis' } });
    expect(posted.at(-1)!.message).toEqual({ kind: 'failed', message: expect.stringMatching(/\S/) });
  });
});
