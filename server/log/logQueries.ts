import type { Channel } from '@shared/domain/channels';
import type { Outcome } from '@shared/followups/followUp';
import type { FollowUpEventType } from '@shared/followups/followUpEvents';
import type { LogFacets, LogPage } from '@shared/log/logApi';
import type { LogEntry } from '@shared/log/logEntry';
import type { LogFilter, LogSort } from '@shared/log/logQuery';
import type { LogSummary } from '@shared/log/logSummary';
import type { Queryable } from '../db/database';
import { ENTRY_SELECT, filterConditions, orderBy, Params, whereClause, type BranchScope } from './logSql';

/** One page of the selection in the sort's order; one row more than asked tells whether more follow. */
export async function readLogPage(db: Queryable, filter: LogFilter, branches: BranchScope, sort: LogSort, offset: number, limit: number): Promise<LogPage> {
  const p = new Params();
  const where = whereClause(filterConditions(filter, branches, p));
  const { rows } = await db.query<LogEntry>(
    `SELECT ${ENTRY_SELECT} FROM log_entries ${where} ${orderBy(sort)} LIMIT ${p.add(limit + 1)} OFFSET ${p.add(offset)}`,
    p.values,
  );
  return { entries: rows.slice(0, limit), offset, more: rows.length > limit };
}

/** Totals of the selection by kind, outcome and channel, in one pass. */
export async function readLogSummary(db: Queryable, filter: LogFilter, branches: BranchScope): Promise<LogSummary> {
  const p = new Params();
  const where = whereClause(filterConditions(filter, branches, p));
  const { rows } = await db.query<{ type: FollowUpEventType | null; outcome: Outcome | null; channel: Channel | null; n: number; by: number }>(
    `SELECT type, outcome, channel, count(*) AS n, GROUPING(type, outcome, channel) AS by FROM log_entries ${where}
      GROUP BY GROUPING SETS ((type), (outcome), (channel))`,
    p.values,
  );
  const summary: LogSummary = { total: 0, byType: {}, byOutcome: {}, byChannel: {} };
  // GROUPING() is a bit mask of the columns left out: 3 = by type, 5 = by outcome, 6 = by channel.
  for (const r of rows) {
    if (r.by === 3 && r.type !== null) {
      summary.byType[r.type] = r.n;
      summary.total += r.n;
    } else if (r.by === 5 && r.outcome !== null) summary.byOutcome[r.outcome] = r.n;
    else if (r.by === 6 && r.channel !== null) summary.byChannel[r.channel] = r.n;
  }
  return summary;
}

/**
 * The staff names and campaigns to offer as filter choices: those in the caller's branches
 * (and the filter's branches and period), ignoring the rest of the filter, so choosing one
 * staff member does not take the others off the list.
 */
export async function readLogFacets(db: Queryable, filter: LogFilter, branches: BranchScope): Promise<LogFacets> {
  const scoped: LogFilter = { ...(filter.from === undefined ? {} : { from: filter.from }), ...(filter.to === undefined ? {} : { to: filter.to }) };
  const p = new Params();
  const where = filterConditions(scoped, branches, p);
  const staff = await db.query<{ staff: string }>(`SELECT DISTINCT staff FROM log_entries ${whereClause(where)} ORDER BY staff`, p.values);
  const campaigns = await db.query<{ campaignId: string; name: string }>(
    `SELECT DISTINCT ON (campaign_id) campaign_id AS "campaignId", campaign_name AS name FROM log_entries
      ${whereClause([...where, 'campaign_id IS NOT NULL'])} ORDER BY campaign_id, at DESC`,
    p.values,
  );
  return { staff: staff.rows.map((r) => r.staff), campaigns: campaigns.rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}
