import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TEST_CONTEXT, TEST_HEADING, TRICKY_ENTRIES } from './exportFixtures';
import { summarizeEntries } from './summarizeEntries';
import { LOG_COLUMNS } from '@shared/log/logColumns';
import { runXlsxJob, xlsxJobReceiver } from './xlsxJob';
import type { XlsxJobMessage } from './xlsxJobMessages';

/** Runs the worker's job here and keeps what it would have posted to the page. */
async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

async function run(heading = TEST_HEADING): Promise<Array<{ message: XlsxJobMessage; transfer: Transferable[] | undefined }>> {
  const posted: Array<{ message: XlsxJobMessage; transfer: Transferable[] | undefined }> = [];
  await runXlsxJob({ entries: TRICKY_ENTRIES, summary: summarizeEntries(TRICKY_ENTRIES), heading }, (message, transfer) => posted.push({ message, transfer }));
  return posted;
}

describe('the XLSX worker job', () => {
  it('reports progress up to the total, says when the zip (which reports none) starts, then hands over the workbook without copying it', async () => {
    const posted = await run();
    const last = posted.at(-1)!;
    expect(last.message.kind).toBe('done');
    const before = posted.slice(0, -1).map((p) => p.message);
    const stage = before.findIndex((m) => m.kind === 'stage');
    expect(before[stage]).toEqual({ kind: 'stage', stage: 'writing-file' });
    // Every row laid out before it; only the file's completion after it.
    expect(before.slice(0, stage).every((m) => m.kind === 'progress')).toBe(true);
    expect(before.slice(0, stage).at(-1)).toEqual({ kind: 'progress', done: TRICKY_ENTRIES.length, total: TRICKY_ENTRIES.length * 2 });
    expect(before.slice(stage + 1)).toEqual([{ kind: 'progress', done: TRICKY_ENTRIES.length * 2, total: TRICKY_ENTRIES.length * 2 }]);

    if (last.message.kind !== 'done') throw new Error('no workbook');
    const bytes = last.message.bytes;
    expect(last.transfer).toEqual([bytes.buffer]);
    const workbook = await readBack(bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Entries', 'Totals']);
    expect(workbook.getWorksheet('Entries')!.rowCount).toBe(TRICKY_ENTRIES.length + 1);
  });

  it('answers a failed build with its message instead of leaving the page waiting', async () => {
    const posted = await run({ ...TEST_HEADING, context: { ...TEST_CONTEXT, timeZone: 'Nowhere/Atlantis' } });
    expect(posted.at(-1)!.message).toEqual({ kind: 'failed', message: expect.stringMatching(/\S/) });
  });

  it('gathers the entries sent in slices, in order, and builds once told to', async () => {
    const posted: XlsxJobMessage[] = [];
    const receive = xlsxJobReceiver((message) => posted.push(message));
    const cut = 3;
    await receive({ kind: 'entries', entries: TRICKY_ENTRIES.slice(0, cut) });
    await receive({ kind: 'entries', entries: TRICKY_ENTRIES.slice(cut) });
    expect(posted).toEqual([]);
    await receive({ kind: 'build', summary: summarizeEntries(TRICKY_ENTRIES), heading: TEST_HEADING });

    const last = posted.at(-1)!;
    if (last.kind !== 'done') throw new Error(`no workbook: ${JSON.stringify(last)}`);
    const sheet = (await readBack(last.bytes)).getWorksheet('Entries')!;
    const idColumn = LOG_COLUMNS.findIndex((c) => c.key === 'entry_id') + 1;
    const ids = Array.from({ length: TRICKY_ENTRIES.length }, (_, i) => sheet.getRow(i + 2).getCell(idColumn).value);
    expect(ids).toEqual(TRICKY_ENTRIES.map((e) => e.eventId));
  });
});
