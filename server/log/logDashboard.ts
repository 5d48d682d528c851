import type { Channel } from '@shared/domain/channels';
import type { Outcome } from '@shared/followups/followUp';
import type { LogFilter } from '@shared/log/logQuery';
import type { Dashboard } from '@shared/log/logSummary';
import type { Queryable } from '../db/database';
import { filterConditions, Params, whereClause, type BranchScope } from './logSql';
import { mondaysBetween, weekStartFinder } from './weekStarts';

// Done entries are counted per quarter hour in SQL, then each quarter hour is put in its local
// week here: every time zone offset is a whole number of quarter hours, and JavaScript's
// time zone data is the one the rest of the log uses (PGlite has no time zone database).
const BUCKET_MS = 15 * 60_000;
/** A dashboard lists at most this many weeks (about ten years), however wide the period. */
const MAX_WEEKS = 520;

/**
 * The managers' dashboard for a filter. The log's own figures (done per week, outcomes by
 * channel) take the whole filter; the follow-up figures (overdue, first contact, campaigns)
 * take what applies to a follow-up (branches, channel, campaign, patron), and the period
 * where it says so; stage moves take the branches, the patron and the period.
 */
export async function readDashboard(db: Queryable, filter: LogFilter, branches: BranchScope, timeZone: string, now: number): Promise<Dashboard> {
  return {
    timeZone,
    donePerWeek: await donePerWeek(db, filter, branches, timeZone),
    outcomesByChannel: await outcomesByChannel(db, filter, branches),
    overdueNow: await overdueNow(db, filter, branches, now),
    ...(await firstContact(db, filter, branches)),
    campaigns: await campaigns(db, filter, branches),
    stageMoves: await stageMoves(db, filter, branches),
  };
}

async function donePerWeek(db: Queryable, filter: LogFilter, branches: BranchScope, timeZone: string): Promise<Dashboard['donePerWeek']> {
  const p = new Params();
  const where = [...filterConditions(filter, branches, p), `type = 'done'`];
  const { rows } = await db.query<{ bucket: number; n: number }>(
    `SELECT (at / ${BUCKET_MS})::bigint AS bucket, count(*) AS n FROM log_entries ${whereClause(where)} GROUP BY 1`,
    p.values,
  );
  const weekOf = weekStartFinder(timeZone);
  const counts = new Map<string, number>();
  for (const r of rows) {
    const week = weekOf(r.bucket * BUCKET_MS);
    counts.set(week, (counts.get(week) ?? 0) + r.n);
  }
  const weeks = [...counts.keys()].sort();
  const first = filter.from !== undefined ? weekOf(filter.from) : weeks[0];
  const last = filter.to !== undefined ? weekOf(filter.to - 1) : weeks[weeks.length - 1];
  if (first === undefined || last === undefined) return [];
  return mondaysBetween(first, last).slice(-MAX_WEEKS).map((weekStart) => ({ weekStart, count: counts.get(weekStart) ?? 0 }));
}

async function outcomesByChannel(db: Queryable, filter: LogFilter, branches: BranchScope): Promise<Dashboard['outcomesByChannel']> {
  const p = new Params();
  const where = [...filterConditions(filter, branches, p), `type IN ('attempted', 'done')`, 'channel IS NOT NULL', 'outcome IS NOT NULL'];
  const { rows } = await db.query<{ channel: Channel; outcome: Outcome; count: number }>(
    `SELECT channel, outcome, count(*) AS count FROM log_entries ${whereClause(where)} GROUP BY 1, 2 ORDER BY 1, 2`,
    p.values,
  );
  return rows;
}

/** Conditions on log_follow_ups (alias f): what of the filter applies to a follow-up. */
function followUpConditions(filter: LogFilter, branches: BranchScope, p: Params): string[] {
  const where: string[] = [];
  if (branches !== null) where.push(`f.branch_id = ANY(${p.add(branches)}::text[])`);
  if (filter.channels) where.push(`f.channel = ANY(${p.add(filter.channels)}::text[])`);
  if (filter.campaignId !== undefined) where.push(`f.campaign_id = ${p.add(filter.campaignId)}`);
  if (filter.patronId !== undefined) where.push(`f.patron_id = ${p.add(filter.patronId)}`);
  return where;
}

function periodOf(column: string, filter: LogFilter, p: Params): string[] {
  const where: string[] = [];
  if (filter.from !== undefined) where.push(`${column} >= ${p.add(filter.from)}`);
  if (filter.to !== undefined) where.push(`${column} < ${p.add(filter.to)}`);
  return where;
}

/** Open follow-ups past their due time now, whatever the period. */
async function overdueNow(db: Queryable, filter: LogFilter, branches: BranchScope, now: number): Promise<number> {
  const p = new Params();
  const where = [...followUpConditions(filter, branches, p), `f.status = 'open'`, `f.due_at < ${p.add(now)}`];
  const { rows } = await db.query<{ n: number }>(`SELECT count(*) AS n FROM log_follow_ups f ${whereClause(where)}`, p.values);
  return rows[0]!.n;
}

/** Over follow-ups first contacted in the period: the median minutes from creation to that contact. */
async function firstContact(db: Queryable, filter: LogFilter, branches: BranchScope): Promise<Pick<Dashboard, 'medianMinutesToFirstContact' | 'firstContactCount'>> {
  const p = new Params();
  const where = [...followUpConditions(filter, branches, p), 'f.first_contact_at IS NOT NULL', ...periodOf('f.first_contact_at', filter, p)];
  const { rows } = await db.query<{ median: number | null; n: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, f.first_contact_at - f.created_at) / 60000.0) AS median, count(*) AS n
       FROM log_follow_ups f ${whereClause(where)}`,
    p.values,
  );
  const median = rows[0]!.median;
  return { medianMinutesToFirstContact: median === null ? null : Math.round(Number(median)), firstContactCount: rows[0]!.n };
}

/**
 * Campaign follow-ups created in the period: how many, how many reached the patron, and how
 * many patrons came back: a note about them (not deleted) written after the follow-up was created.
 */
async function campaigns(db: Queryable, filter: LogFilter, branches: BranchScope): Promise<Dashboard['campaigns']> {
  const p = new Params();
  const where = [...followUpConditions(filter, branches, p), 'f.campaign_id IS NOT NULL', ...periodOf('f.created_at', filter, p)];
  const { rows } = await db.query<Dashboard['campaigns'][number]>(
    `SELECT f.campaign_id AS "campaignId", max(f.campaign_name) AS name, count(*) AS "followUps",
            count(*) FILTER (WHERE f.reached) AS reached,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM sync_records n
               WHERE n.entity = 'note' AND n.patron_id = f.patron_id
                 AND coalesce(n.fields -> 'deleted', 'null'::jsonb) = 'null'::jsonb
                 AND (n.fields -> 'created' ->> 'at')::bigint > f.created_at)) AS "cameBack"
       FROM log_follow_ups f ${whereClause(where)}
      GROUP BY f.campaign_id ORDER BY 2, 1`,
    p.values,
  );
  return rows;
}

/**
 * Moves on the engagement ladder made in the period, from the patrons' stage members
 * (`stage:<at>:<desk>:<stageId>` fields), each paired with the stage before it in the
 * order the shared patron codec sorts them (time, then the field name).
 */
async function stageMoves(db: Queryable, filter: LogFilter, branches: BranchScope): Promise<Dashboard['stageMoves']> {
  const p = new Params();
  const scope: string[] = [`r.entity = 'patron'`, 'NOT r.erased'];
  if (branches !== null) scope.push(`r.branch_id = ANY(${p.add(branches)}::text[])`);
  if (filter.patronId !== undefined) scope.push(`r.id = ${p.add(filter.patronId)}`);
  const period = periodOf('m.at', filter, p);
  const { rows } = await db.query<{ from: string | null; to: string; count: number }>(
    `SELECT m.from_stage AS "from", m.to_stage AS "to", count(*) AS count FROM (
        SELECT s.value ->> 'stageId' AS to_stage, (s.value -> 'set' ->> 'at')::bigint AS at,
               lag(s.value ->> 'stageId') OVER (PARTITION BY r.id ORDER BY (s.value -> 'set' ->> 'at')::bigint, s.key COLLATE "C") AS from_stage
          FROM sync_records r CROSS JOIN LATERAL jsonb_each(r.fields) AS s
         WHERE ${scope.join(' AND ')} AND s.key LIKE 'stage:%' AND jsonb_typeof(s.value) = 'object') m
      ${whereClause(period)}
      GROUP BY 1, 2 ORDER BY 3 DESC, 1 NULLS FIRST, 2`,
    p.values,
  );
  return rows;
}
