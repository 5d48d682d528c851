import { request as httpRequest, type IncomingMessage } from 'node:http';
import { pipeline, Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { AuditEntryView } from '@shared/api/audit';
import { LOG_COLUMNS } from '@shared/log/logColumns';
import type { Database } from '../db/database';
import { describeEachDatabase } from '../test/testDatabases';
import { as, buildTestApp, loginAs, seedBranch, seedStaff } from '../test/testApp';
import { event, followUp, patron, pushAll, pushEvent, pushFollowUp, pushPatron, stampAt } from '../test/logFixtures';
import { EXPORT_PAGE_ROWS } from './logKeyset';

const HEADER = LOG_COLUMNS.map((c) => c.header).join(',');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The database, counting what the export reads from it: keyset pages (its queries select
 * k0, k1…) on PGlite; on PostgreSQL, COPY statements and the records they delivered (the
 * rows seeded here hold no line breaks, so each LF ends one).
 */
function countingReads(db: Database): { db: Database; pages: () => number; copies: () => number; copyRows: () => number; rowsRead: () => number } {
  let pages = 0;
  let copies = 0;
  let copyRows = 0;
  const proxy = new Proxy(db, {
    get(target, key) {
      if (key === 'query') {
        return (sql: string, params?: readonly unknown[]) => {
          if (sql.includes(' AS k0')) pages += 1;
          return target.query(sql, params);
        };
      }
      if (key === 'copyOut' && target.copyOut) {
        return async (sql: string) => {
          copies += 1;
          const source = await target.copyOut!(sql);
          const counted = new Transform({
            transform(chunk: Buffer, _enc, done) {
              for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) copyRows += 1;
              done(null, chunk);
            },
          });
          pipeline(source, counted, () => {});
          return counted;
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: proxy, pages: () => pages, copies: () => copies, copyRows: () => copyRows, rowsRead: () => pages * EXPORT_PAGE_ROWS + copyRows };
}

describeEachDatabase('log CSV export', (database) => {
  let app: FastifyInstance;
  let counter: ReturnType<typeof countingReads>;
  let branch: string;
  let desk: string;
  let manager: string;
  let admin: string;

  const audits = async () => (await as(app, admin, { method: 'GET', url: '/api/audit?action=log-exported' })).json<AuditEntryView[]>();
  async function waitForAudit(count: number): Promise<AuditEntryView[]> {
    for (let i = 0; i < 100; i += 1) {
      const found = await audits();
      if (found.length >= count) return found;
      await sleep(50);
    }
    throw new Error('no audit entry for the export');
  }

  beforeAll(async () => {
    counter = countingReads(database.db);
    app = await buildTestApp(counter.db);
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    branch = await seedBranch(database.db, 'Centre, Nord');
    await seedStaff(database.db, { username: 'dana', role: 'desk', branchIds: [branch] });
    await seedStaff(database.db, { username: 'mo', role: 'manager', branchIds: [branch] });
    await seedStaff(database.db, { username: 'root', role: 'admin', branchIds: [] });
    desk = await loginAs(app, 'dana');
    manager = await loginAs(app, 'mo');
    admin = await loginAs(app, 'root');
  });

  it('writes exact RFC 4180 bytes: BOM, CRLF, quoting, UTF-8 text and neutralised formulas; names the period and zone; audits it', async () => {
    const p = patron('p1', branch, { firstName: 'Émile "Le, Grand"', lastName: 'Straße-Øberg 中文 😀' });
    const f = followUp('f1', 'p1', branch, { reason: '=HYPERLINK("http://x")', firstDueAt: Date.UTC(2026, 0, 16, 8, 0), created: stampAt(Date.UTC(2026, 0, 15, 8, 0)) });
    const done = event('e1', f, { type: 'done', outcome: 'reached', comment: 'Line one\r\nline two, with "quotes"\nand, a comma' }, Date.UTC(2026, 0, 15, 9, 30), '+Ada');
    await pushAll(app, desk, [pushPatron(p), pushFollowUp(f), pushEvent(done)]);

    const res = await as(app, manager, { method: 'GET', url: '/api/log/export.csv?tz=Europe/Paris&from=2026-01-01T00:00:00%2B01:00&to=2026-02-01T00:00:00%2B01:00' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="desk-diary-log_2026-01-01_to_2026-01-31_Europe-Paris.csv"');
    const row = [
      '2026-01-15T09:30:00.000Z', '2026-01-15 10:30', 'Done', 'Reached', '"Line one\r\nline two, with ""quotes""\nand, a comma"', '', '',
      '"Émile ""Le, Grand"" Straße-Øberg 中文 😀"', 'Phone', '"\'=HYPERLINK(""http://x"")"', '', '2026-01-15 09:00', '2026-01-16 09:00', '90',
      "'+Ada", 'Front desk', '"Centre, Nord"', 'p1', 'f1', 'e1',
    ].join(',');
    // The follow-up is its own "Created" entry (its id is the entry id), an hour and a half earlier.
    const created = [
      '2026-01-15T08:00:00.000Z', '2026-01-15 09:00', 'Created', '', '', '', '',
      '"Émile ""Le, Grand"" Straße-Øberg 中文 😀"', 'Phone', '"\'=HYPERLINK(""http://x"")"', '', '2026-01-15 09:00', '2026-01-16 09:00', '0',
      'Ada', 'Front desk', '"Centre, Nord"', 'p1', 'f1', 'f1',
    ].join(',');
    const expected = `\uFEFF${HEADER}\r\n${row}\r\n${created}\r\n`;
    expect(res.rawPayload.toString('utf8')).toBe(expected);
    expect(res.rawPayload.equals(Buffer.from(expected, 'utf8'))).toBe(true);

    const [entry] = await waitForAudit(1);
    expect(entry).toMatchObject({
      action: 'log-exported', staffName: 'mo (test)',
      detail: { rows: 2, status: 'completed', timeZone: 'Europe/Paris', filter: { from: '2025-12-31T23:00:00.000Z', to: '2026-01-31T23:00:00.000Z' }, sort: { field: 'at', direction: 'desc' }, branches: [branch] },
    });
  });

  it('is for managers and admins only, and only of branches they work in', async () => {
    expect((await as(app, desk, { method: 'GET', url: '/api/log/export.csv' })).json().error.code).toBe('forbidden-role');
    const other = await seedBranch(database.db, 'Elsewhere');
    const res = await as(app, manager, { method: 'GET', url: `/api/log/export.csv?branch=${other}` });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'forbidden-branch']);
    const bad = await as(app, manager, { method: 'GET', url: '/api/log/export.csv?tz=Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'query.tz', message: expect.stringMatching(/time zone/) }]);
    expect(await audits()).toEqual([]);
  });

  describe_streaming();

  function describe_streaming() {
    const N = EXPORT_PAGE_ROWS * 8;
    const seedRows = async () => {
      // Straight into the log (the projection is tested elsewhere): N fat rows, so they cannot all hide in socket buffers.
      await database.db.query(
        `INSERT INTO log_entries (event_id, follow_up_id, patron_id, patron_name, patron_sort, branch_id, type, at, staff, desk_id, comment, seq)
         SELECT 'e' || lpad(i::text, 7, '0'), 'f' || (i % 100), 'p' || (i % 50), 'Patron ' || (i % 50), 'patron ' || (i % 50), $1, 'done',
                1760000000000 + i * 1000, 'Ada', 'd1', repeat('x', 500), i
           FROM generate_series(1, $2::int) AS i`,
        [branch, N],
      );
      await database.db.query(`INSERT INTO sync_records (entity, id, branch_id, patron_id, fields, clocks, seq) VALUES ('patron', 'px', $1, 'px', '{"firstName":"X"}', '{}', $2)`, [branch, N]);
    };
    const open = (): Promise<{ res: IncomingMessage; abort: () => void }> =>
      new Promise((resolve, reject) => {
        const { port } = app.server.address() as { port: number };
        const req = httpRequest({ host: '127.0.0.1', port, path: '/api/log/export.csv', headers: { authorization: `Bearer ${admin}` } }, (res) => resolve({ res, abort: () => req.destroy() }));
        req.on('error', (err) => (err.message.includes('aborted') || err.message.includes('socket hang up') ? undefined : reject(err)));
        req.end();
      });
    const firstChunk = (res: IncomingMessage) => new Promise<Buffer>((resolve) => res.once('data', (chunk: Buffer) => { res.pause(); resolve(chunk); }));

    const copying = database.driver === 'postgres';
    /** COPY statements of exports running on the server (PostgreSQL; parallel workers not counted). */
    const copyRunning = async () =>
      (await database.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND query LIKE 'COPY (SELECT%'`,
      )).rows[0]!.n;

    it(`reads the database only as fast as the client reads the response (${N} rows; ${copying ? 'one COPY' : `pages of ${EXPORT_PAGE_ROWS}`})`, async () => {
      await seedRows();
      const before = { pages: counter.pages(), copies: counter.copies(), rows: counter.rowsRead() };
      const { res } = await open();
      const first = await firstChunk(res);
      expect(first.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
      // The client stops reading. A server that read ahead regardless (or built the whole
      // file first) would go on to all N rows; a streaming one stops once the sockets'
      // buffers are full: at most a few pages' worth of rows.
      await sleep(1500);
      const whilePaused = counter.rowsRead() - before.rows;
      expect(whilePaused).toBeLessThanOrEqual(4 * EXPORT_PAGE_ROWS);
      res.resume();
      let bytes = first.length;
      // Counted across chunk boundaries: a CRLF may arrive split over two chunks.
      let tail = first.toString('latin1');
      let lines = 0;
      const countLines = (text: string) => {
        const parts = (tail + text).split('\r\n');
        lines += parts.length - 1;
        tail = parts[parts.length - 1]!.slice(-1);
      };
      countLines('');
      for await (const chunk of res) {
        bytes += (chunk as Buffer).length;
        countLines((chunk as Buffer).toString('latin1'));
      }
      expect(lines).toBe(N + 1);
      if (copying) {
        expect([counter.copies() - before.copies, counter.rowsRead() - before.rows]).toEqual([1, N]);
      } else {
        expect(counter.pages() - before.pages).toBe(N / EXPORT_PAGE_ROWS + 1); // the last, empty page says the end
      }
      expect(bytes).toBeGreaterThan(N * 500);
      const [entry] = await waitForAudit(1);
      expect(entry!.detail).toMatchObject({ rows: N, status: 'completed' });
    });

    it('stops reading and audits an abort when the client hangs up', async () => {
      await seedRows();
      const before = counter.rowsRead();
      const { res, abort } = await open();
      await firstChunk(res);
      // (The first chunk, BOM and header, may be written before the COPY starts.)
      if (copying) await expect.poll(copyRunning, { timeout: 5000 }).toBe(1);
      abort();
      const [entry] = await waitForAudit(1);
      expect(entry!.detail).toMatchObject({ status: 'aborted' });
      expect(entry!.detail.rows as number).toBeLessThan(N);
      const afterAbort = counter.rowsRead();
      await sleep(500);
      expect(counter.rowsRead()).toBe(afterAbort);
      expect(afterAbort - before).toBeLessThanOrEqual(4 * EXPORT_PAGE_ROWS);
      // On PostgreSQL the COPY's connection was closed, which ends the statement there too.
      if (copying) await expect.poll(copyRunning, { timeout: 5000 }).toBe(0);
    });
  }
});
