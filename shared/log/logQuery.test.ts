import { describe, expect, it } from 'vitest';
import { LogExportQuerySchema, LogPageQuerySchema, logQueryPairs } from './logQuery';

const parse = (q: Record<string, unknown>) => LogPageQuerySchema.safeParse(q);

describe('log query strings', () => {
  it('defaults to everything, newest first, 100 at a time', () => {
    expect(LogPageQuerySchema.parse({})).toEqual({ filter: {}, sort: { field: 'at', direction: 'desc' }, offset: 0, limit: 100 });
  });

  it('reads one value or a repeated key as a list', () => {
    const q = LogPageQuerySchema.parse({ channel: 'phone', outcome: ['reached', 'no-answer'], offset: '200', limit: '50' });
    expect(q.filter).toEqual({ channels: ['phone'], outcomes: ['reached', 'no-answer'] });
    expect([q.offset, q.limit]).toEqual([200, 50]);
  });

  it('round-trips a filter through the pairs the desk sends', () => {
    const filter = {
      from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 6, 1), staff: ['Anna', 'Ben'], branchIds: ['b1'], channels: ['email' as const],
      outcomes: ['declined' as const], types: ['done' as const, 'attempted' as const], campaignId: 'c1', patronId: 'p1',
    };
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of logQueryPairs(filter, { field: 'patron', direction: 'asc' })) {
      const prev = query[k];
      query[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
    }
    expect(LogPageQuerySchema.parse(query)).toEqual({ filter, sort: { field: 'patron', direction: 'asc' }, offset: 0, limit: 100 });
  });

  it('names the field and the reason for bad input', () => {
    const issues = (q: Record<string, unknown>) => {
      const r = parse(q);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ channel: 'fax' })).toEqual([expect.stringMatching(/^channel\.0: Choose phone/)]);
    expect(issues({ from: 'yesterday' })).toEqual([expect.stringMatching(/^from: Use an ISO 8601/)]);
    expect(issues({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toEqual(['to: "from" must be before "to"']);
    expect(issues({ limit: '5000' })).toEqual([expect.stringMatching(/^limit: /)]);
    expect(issues({ sort: 'password' })).toEqual([expect.stringMatching(/^sort: Sort by one of at, patron/)]);
    expect(issues({ colour: 'red' })).toEqual([expect.stringMatching(/colour/)]);
  });

  it('takes a time zone for exports and refuses one it does not know', () => {
    expect(LogExportQuerySchema.parse({ tz: 'Europe/London' }).timeZone).toBe('Europe/London');
    expect(LogExportQuerySchema.parse({}).timeZone).toBe('UTC');
    expect(LogExportQuerySchema.safeParse({ tz: 'Mars/Olympus' }).success).toBe(false);
  });
});
