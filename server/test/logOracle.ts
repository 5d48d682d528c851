import fc from 'fast-check';
import { CHANNELS } from '@shared/domain/channels';
import { OUTCOMES } from '@shared/followups/followUp';
import { FOLLOW_UP_EVENT_TYPES } from '@shared/log/eventTypes';
import type { LogEntry } from '@shared/log/logEntry';
import { LOG_SORT_FIELDS, type LogFilter, type LogSort } from '@shared/log/logQuery';
import type { Queryable } from '../db/database';

/**
 * A plain-JavaScript model of the log queries, for property tests: entries as rows, a
 * filter as a predicate, a sort as a comparator (code-point order, nulls last both ways,
 * ties on at then event id in the same direction).
 */
export type OracleRow = LogEntry & { patronSort: string | null; seq: number };

// Few distinct values, so filters match and sort keys tie; cases and accents that only code-point order sorts one way.
const STAFF = ['Ada', 'ada', 'Ängel', 'Zoë', 'Ben', 'ben 2'];
const SORT_KEYS = ['adams ann', 'Adams', 'zola emile', 'ödegaard', 'brown bea'];
const IDS = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/);

export function oracleRows(branches: readonly string[], size = { minLength: 30, maxLength: 120 }): fc.Arbitrary<OracleRow[]> {
  const row = fc.record({
    eventId: IDS,
    followUpId: fc.constantFrom('f1', 'f2', 'f3'),
    patronId: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
    patronSort: fc.option(fc.constantFrom(...SORT_KEYS), { nil: null, freq: 4 }),
    branchId: fc.constantFrom(...branches),
    type: fc.constantFrom(...FOLLOW_UP_EVENT_TYPES),
    at: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_020 }),
    staff: fc.constantFrom(...STAFF),
    outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: null, freq: 3 }),
    channel: fc.option(fc.constantFrom(...CHANNELS), { nil: null, freq: 4 }),
    campaignId: fc.option(fc.constantFrom('c1', 'c2'), { nil: null }),
  });
  return fc.uniqueArray(row, { ...size, selector: (r) => r.eventId }).map((rows) =>
    rows.map((r, i) => ({
      ...r,
      // As buildLogEntry writes them: only attempts and dones have an outcome.
      outcome: r.type === 'attempted' || r.type === 'done' ? r.outcome : null, patronName: r.patronSort === null ? null : `Name ${r.patronSort}`, deskId: 'd1', deskName: null, comment: '', until: null, assignedTo: null,
      reason: r.channel === null ? null : 'why', campaignName: r.campaignId === null ? null : `Campaign ${r.campaignId}`, followUpCreatedAt: null, firstDueAt: null, seq: i + 1,
    })),
  );
}

export function oracleFilter(branches: readonly string[]): fc.Arbitrary<LogFilter> {
  // Each condition is usually absent, so a filter keeps enough rows to put in order.
  const opt = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: a, weight: 1 });
  const list = <T>(values: readonly T[]) => opt(fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }));
  return fc
    .record({
      from: opt(fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_010 })),
      span: fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined }),
      staff: list(STAFF),
      branchIds: list(branches),
      channels: list(CHANNELS),
      outcomes: list(OUTCOMES),
      types: list(FOLLOW_UP_EVENT_TYPES),
      campaignId: opt(fc.constantFrom('c1', 'c2')),
      patronId: opt(fc.constantFrom('p1', 'p2')),
    })
    .map(({ from, span, ...rest }) => {
      const filter: LogFilter = {};
      for (const [k, v] of Object.entries({ ...rest, from, to: from !== undefined && span !== undefined ? from + span : undefined })) {
        if (v !== undefined) (filter as Record<string, unknown>)[k] = v;
      }
      return filter;
    });
}

export const ALL_SORTS: LogSort[] = LOG_SORT_FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((direction) => ({ field, direction })));

export function matches(r: OracleRow, f: LogFilter, scope: readonly string[] | null): boolean {
  return (scope === null || scope.includes(r.branchId))
    && (f.from === undefined || r.at >= f.from) && (f.to === undefined || r.at < f.to)
    && (!f.staff || f.staff.includes(r.staff)) && (!f.branchIds || f.branchIds.includes(r.branchId))
    && (!f.channels || (r.channel !== null && f.channels.includes(r.channel))) && (!f.outcomes || (r.outcome !== null && f.outcomes.includes(r.outcome)))
    && (!f.types || f.types.includes(r.type)) && (f.campaignId === undefined || r.campaignId === f.campaignId) && (f.patronId === undefined || r.patronId === f.patronId);
}

const codePoint = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const SORT_VALUE: Record<LogSort['field'], (r: OracleRow) => string | number | null> = {
  at: (r) => r.at, patron: (r) => r.patronSort, staff: (r) => r.staff, type: (r) => r.type, channel: (r) => r.channel, outcome: (r) => r.outcome,
};

export function compareRows(sort: LogSort): (a: OracleRow, b: OracleRow) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const x = SORT_VALUE[sort.field](a);
    const y = SORT_VALUE[sort.field](b);
    if (x !== y) {
      if (x === null) return 1; // nulls last, whichever the direction
      if (y === null) return -1;
      return sign * codePoint(x, y);
    }
    return sign * (codePoint(a.at, b.at) || codePoint(a.eventId, b.eventId));
  };
}

export function oracleSelect(rows: readonly OracleRow[], filter: LogFilter, scope: readonly string[] | null, sort: LogSort): OracleRow[] {
  return rows.filter((r) => matches(r, filter, scope)).sort(compareRows(sort));
}

export function asEntry({ patronSort: _s, seq: _q, ...entry }: OracleRow): LogEntry {
  return entry;
}

/** Replaces the log with these rows (straight into the table: the queries are under test here, not the projection). */
export async function loadOracleRows(db: Queryable, rows: readonly OracleRow[]): Promise<void> {
  await db.query('DELETE FROM log_entries');
  await db.query(
    `INSERT INTO log_entries (event_id, follow_up_id, patron_id, patron_name, patron_sort, branch_id, type, at, staff, desk_id, desk_name, outcome, comment,
       until, assigned_to, channel, reason, campaign_id, campaign_name, follow_up_created_at, first_due_at, seq)
     SELECT "eventId", "followUpId", "patronId", "patronName", "patronSort", "branchId", type, at, staff, "deskId", "deskName", outcome, comment,
       until, "assignedTo", channel, reason, "campaignId", "campaignName", "followUpCreatedAt", "firstDueAt", seq
     FROM jsonb_to_recordset($1::jsonb) AS x("eventId" text, "followUpId" text, "patronId" text, "patronName" text, "patronSort" text, "branchId" text,
       type text, at bigint, staff text, "deskId" text, "deskName" text, outcome text, comment text, until bigint, "assignedTo" text, channel text,
       reason text, "campaignId" text, "campaignName" text, "followUpCreatedAt" bigint, "firstDueAt" bigint, seq bigint)`,
    [JSON.stringify(rows)],
  );
}
