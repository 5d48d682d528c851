import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { LogPage } from '@shared/log/logApi';
import { logQueryPairs, type LogFilter } from '@shared/log/logQuery';
import type { LogSummary } from '@shared/log/logSummary';
import { describeEachDatabase } from '../test/testDatabases';
import { as, buildTestApp, loginAs, seedBranch, seedStaff } from '../test/testApp';
import { ALL_SORTS, asEntry, loadOracleRows, oracleFilter, oracleRows, oracleSelect, type OracleRow } from '../test/logOracle';
import { logPages } from './logKeyset';

/** Every filter and every sort of the log agree with a plain-JavaScript model over random entries. */
describeEachDatabase('log queries', (database) => {
  let app: FastifyInstance;
  let branchA: string;
  let branchB: string;
  let admin: string;
  let managerA: string;

  const url = (path: string, filter: LogFilter, extra: Array<[string, string]> = [], sort = ALL_SORTS[0]!) =>
    `${path}?${new URLSearchParams([...logQueryPairs(filter, sort), ...extra]).toString()}`;

  beforeAll(async () => {
    app = await buildTestApp(database.db);
    await database.reset();
    branchA = await seedBranch(database.db, 'A');
    branchB = await seedBranch(database.db, 'B');
    await seedStaff(database.db, { username: 'root', role: 'admin', branchIds: [] });
    await seedStaff(database.db, { username: 'mo', role: 'manager', branchIds: [branchA] });
    admin = await loginAs(app, 'root');
    managerA = await loginAs(app, 'mo');
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await database.db.query('DELETE FROM log_entries');
  });

  it('pages of GET /api/log/entries are the model\'s, for every sort, any filter, any offset, any caller', async () => {
    let selected = 0;
    await fc.assert(
      fc.asyncProperty(oracleRows([branchA, branchB]), fc.array(fc.tuple(oracleFilter([branchA]), fc.nat(60), fc.integer({ min: 1, max: 40 }), fc.boolean()), { minLength: 3, maxLength: 3 }), async (rows, queries) => {
        await loadOracleRows(database.db, rows);
        for (const sort of ALL_SORTS) {
          for (const [filter, offset, limit, asManager] of queries) {
            const expected = oracleSelect(rows, filter, asManager ? [branchA] : null, sort);
            const res = await as(app, asManager ? managerA : admin, { method: 'GET', url: url('/api/log/entries', filter, [['offset', String(offset)], ['limit', String(limit)]], sort) });
            expect(res.statusCode, res.body).toBe(200);
            const page = res.json<LogPage>();
            expect(page.entries, `${sort.field} ${sort.direction} ${JSON.stringify(filter)}`).toEqual(expected.slice(offset, offset + limit).map(asEntry));
            expect(page.more).toBe(expected.length > offset + limit);
            selected += expected.length;
          }
        }
      }),
      { numRuns: 8 },
    );
    // The filters must mostly leave rows to order, or the sorts are not being tested.
    expect(selected).toBeGreaterThan(8 * ALL_SORTS.length * 3 * 5);
  });

  it('the export\'s keyset pages give the whole selection in the model\'s order, for every sort', async () => {
    await fc.assert(
      fc.asyncProperty(oracleRows([branchA, branchB]), oracleFilter([branchA, branchB]), fc.integer({ min: 1, max: 9 }), async (rows, filter, pageRows) => {
        await loadOracleRows(database.db, rows);
        // seq > upTo: entries synced after the export began are left out.
        const upTo = Math.floor(rows.length * 0.9);
        for (const sort of ALL_SORTS) {
          const got: string[] = [];
          for await (const page of logPages(database.db, filter, null, sort, upTo, pageRows)) got.push(...page.map((e) => e.eventId));
          const expected = oracleSelect(rows.filter((r) => r.seq <= upTo), filter, null, sort).map((r) => r.eventId);
          expect(got, `${sort.field} ${sort.direction}`).toEqual(expected);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('summaries count what the model selects', async () => {
    await fc.assert(
      fc.asyncProperty(oracleRows([branchA, branchB]), oracleFilter([branchA]), async (rows, filter) => {
        await loadOracleRows(database.db, rows);
        const selected = oracleSelect(rows, filter, [branchA], ALL_SORTS[0]!);
        const count = (key: (r: OracleRow) => string | null) => {
          const out: Record<string, number> = {};
          for (const r of selected) {
            const k = key(r);
            if (k !== null) out[k] = (out[k] ?? 0) + 1;
          }
          return out;
        };
        const res = await as(app, managerA, { method: 'GET', url: url('/api/log/summary', filter) });
        expect(res.json<LogSummary>()).toEqual({ total: selected.length, byType: count((r) => r.type), byOutcome: count((r) => r.outcome), byChannel: count((r) => r.channel) });
      }),
      { numRuns: 15 },
    );
  });

  it('offers the staff and campaigns of the caller\'s branches as filter choices', async () => {
    const rows = fc.sample(oracleRows([branchA, branchB]), { numRuns: 1, seed: 7 })[0]!;
    await loadOracleRows(database.db, rows);
    const inA = rows.filter((r) => r.branchId === branchA);
    const res = await as(app, managerA, { method: 'GET', url: '/api/log/facets?staff=Ada' });
    expect(res.json()).toEqual({
      staff: [...new Set(inA.map((r) => r.staff))].sort(),
      campaigns: [...new Set(inA.flatMap((r) => (r.campaignId ? [r.campaignId] : [])))].sort().map((c) => ({ campaignId: c, name: `Campaign ${c}` })),
    });
  });

  it('refuses a branch outside the caller\'s, and names the bad field', async () => {
    const outside = await as(app, managerA, { method: 'GET', url: `/api/log/entries?branch=${branchB}` });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('forbidden-branch');
    const bad = await as(app, managerA, { method: 'GET', url: '/api/log/summary?outcome=maybe&from=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query.from', 'query.outcome.0']);
  });
});
