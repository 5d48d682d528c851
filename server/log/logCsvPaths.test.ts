import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { csvCellText } from '@shared/log/logCellText';
import { LOG_COLUMNS, logRowCells } from '@shared/log/logColumns';
import type { LogExportQuery, LogSort } from '@shared/log/logQuery';
import { describeEachDatabase } from '../test/testDatabases';
import { seedBranch } from '../test/testApp';
import { logCsvByCopy, logCsvInJs, type CsvExport } from './logCsvExport';
import { logPages } from './logKeyset';

const read = async (csv: CsvExport): Promise<Buffer> => {
  const parts: Buffer[] = [];
  await pipeline(csv.stream, new Writable({ write: (chunk: Buffer, _e, done) => { parts.push(chunk); done(); } }));
  return Buffer.concat(parts);
};

// Clock changes: London 2026-03-29 01:00 and 2026-10-25 01:00 UTC; New York 2026-03-08 07:00 and 2026-11-01 06:00 UTC.
const CHANGES = [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)];
const AROUND = [-3_600_001, -60_000, -1, 0, 1, 59_999, 1_800_000, 3_600_000];
const TEXTS = [
  'Émile "Le, Grand" Straße-Øberg 中文 😀', '=HYPERLINK("http://x")', '+44 20 7946 0000', '-5', '@mention', '\tindented', '\rreturn',
  'Line one\r\nline two, with "quotes"\nand, a comma', 'ends with a newline\n', '"', '""', ',', 'C:\\path\\', '\\N', '\\.', ' spaced ', "it's", 'plain',
  // Formula starts in cells that are quoted too (a comma, a quote or a line break later on), and an empty text.
  '-1, -2', '@a"b', '\tx,y', '+1\n2', '',
];
// Ids come from desks: text columns like any other, so formula starts there too.
const ID_STARTS = ['', '=', '@', '\t', '-'];
const OUTCOMES = ['reached', 'declined', null, 'not-an-outcome'];
const CHANNELS = ['phone', 'in-person', null, 'pigeon'];
const TYPES = ['created', 'attempted', 'done', 'snoozed', 'reassigned', 'cancelled', 'reopened'];

describeEachDatabase('log CSV: the COPY and JavaScript paths', (database) => {
  let branches: string[];
  let names: Map<string, string>;

  beforeAll(async () => {
    await database.reset();
    // Branch ids without a branch row are written as they are, so one starts like a formula.
    branches = [await seedBranch(database.db, 'Centre, Nord'), await seedBranch(database.db, '=cmd|\' /C calc\'!A0'), 'branch-without-a-name', '=unnamed', '-1'];
    names = new Map((await database.db.query<{ id: string; name: string }>('SELECT id::text AS id, name FROM branches')).rows.map((b) => [b.id, b.name]));
    // Straight into the log: every column gets tricky values, empty strings and nulls where it may.
    const rows: unknown[][] = [];
    let i = 0;
    for (const change of CHANGES) {
      for (const offset of AROUND) {
        const at = change + offset;
        const t = (k: number) => TEXTS[(i + k) % TEXTS.length]!;
        const maybe = (k: number, value: unknown) => ((i + k) % 5 === 0 ? null : (i + k) % 5 === 1 ? '' : value);
        rows.push([
          `${ID_STARTS[i % 5]}ev-${String(i).padStart(3, '0')}`, `${ID_STARTS[i % 3]}fu-${i % 7}`, `${ID_STARTS[(i + 1) % 5]}pa-${i % 5}`,
          i % 6 === 0 ? null : t(0), i % 6 === 0 ? null : `sort ${t(0)}`, branches[i % branches.length],
          TYPES[i % TYPES.length], at, i % 9 === 0 ? '' : t(1), `${ID_STARTS[(i + 2) % 5]}desk-${i % 3}`, i % 4 === 0 ? null : i % 4 === 1 ? '' : t(2), OUTCOMES[i % 4],
          i % 3 === 0 ? '' : t(3), i % 2 === 0 ? null : at + AROUND[i % AROUND.length]!, maybe(1, t(4)), CHANNELS[i % 4], maybe(2, t(5)),
          i % 5 === 0 ? null : `campaign-${i % 2}`, maybe(3, t(6)), i % 7 === 0 ? null : at - (i % 3) * 3_600_000 + (i % 2) * 7_200_000, i % 8 === 0 ? null : change - offset, i + 1,
        ]);
        i += 1;
      }
    }
    for (const row of rows) {
      await database.db.query(
        `INSERT INTO log_entries (event_id, follow_up_id, patron_id, patron_name, patron_sort, branch_id, type, at, staff, desk_id, desk_name, outcome,
           comment, until, assigned_to, channel, reason, campaign_id, campaign_name, follow_up_created_at, first_due_at, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
        row,
      );
    }
  });

  const SORTS: LogSort[] = [{ field: 'at', direction: 'desc' }, { field: 'patron', direction: 'asc' }, { field: 'channel', direction: 'desc' }];
  const cases = ['Europe/London', 'America/New_York'].flatMap((timeZone) => SORTS.map((sort): LogExportQuery => ({ filter: {}, sort, timeZone })));

  async function expectSameCells(query: LogExportQuery, branchNames: ReadonlyMap<string, string>): Promise<void> {
    const entries = [];
    for await (const page of logPages(database.db, query.filter, null, query.sort, 1e9)) entries.push(...page);
    expect(entries).toHaveLength(CHANGES.length * AROUND.length);
    // The reference: LOG_COLUMNS and csvCellText with localDateTime (date-fns-tz), no caches.
    const expected = [LOG_COLUMNS.map((c) => c.header), ...entries.map((e) => logRowCells(e, { timeZone: query.timeZone, branchNames }).map((c) => csvCellText(c, query.timeZone)))];
    const outputs = [await read(logCsvInJs(database.db, query, null, branchNames, 1e9))];
    if (database.db.copyOut) outputs.push(await read(logCsvByCopy(database.db.copyOut.bind(database.db), query, null, branchNames, 1e9)));
    for (const bytes of outputs) {
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
      expect(parse(bytes, { bom: true, relax_column_count: false })).toEqual(expected);
      expect(bytes.toString('utf8').endsWith('\r\n')).toBe(true);
      // A line break inside a cell is quoted, bare LF and CR too: a spreadsheet would end the row there.
      expect(bytes.toString('utf8')).toContain(',"ends with a newline\n",');
      expect(bytes.toString('utf8')).toContain(`,"'\rreturn",`);
    }
    // On PostgreSQL: the file PostgreSQL renders is byte for byte the one the JavaScript path writes.
    if (outputs.length === 2) expect(outputs[1]!.toString('utf8')).toBe(outputs[0]!.toString('utf8'));
  }

  it.each(cases)('writes every cell as the shared columns say (%o)', async (query) => {
    await expectSameCells(query, names);
  });

  it('writes branch ids as they are, made safe, when no branch has a name', async () => {
    await expectSameCells(cases[0]!, new Map());
  });
});
