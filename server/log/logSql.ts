import { escapeLiteral } from 'pg';
import type { LogFilter, LogSort, LogSortField } from '@shared/log/logQuery';

/** Builds a statement's `$n` parameters as conditions are added. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A value as an SQL literal: text quoted by node-postgres' escapeLiteral, safe integers, arrays of text. */
export function sqlLiteral(value: unknown): string {
  if (typeof value === 'string') return escapeLiteral(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return `ARRAY[${value.map((v) => escapeLiteral(v)).join(', ')}]::text[]`;
  throw new Error(`No SQL literal for ${typeof value}`);
}

/** Parameters written into the statement as literals, for COPY, which takes no `$n` parameters. */
export class InlineParams extends Params {
  override add(value: unknown): string {
    return sqlLiteral(value);
  }
}

/** The branches a query may read: a list, or null for every branch (admins without a branch filter). */
export type BranchScope = readonly string[] | null;

// One value as `=`, not `= ANY`: PostgreSQL 15 reads an index in order only for an equality.
function oneOf(column: string, values: readonly string[], p: Params): string {
  return values.length === 1 ? `${column} = ${p.add(values[0])}` : `${column} = ANY(${p.add(values)}::text[])`;
}

/** The WHERE conditions of a filter within the caller's branches ("true" when none). */
export function filterConditions(filter: LogFilter, branches: BranchScope, p: Params): string[] {
  const where: string[] = [];
  if (branches !== null) where.push(oneOf('branch_id', branches, p));
  // The routes pass the filter's branches as the scope (logScope.ts); any other caller still gets both applied.
  if (filter.branchIds && filter.branchIds !== branches) where.push(oneOf('branch_id', filter.branchIds, p));
  if (filter.from !== undefined) where.push(`at >= ${p.add(filter.from)}`);
  if (filter.to !== undefined) where.push(`at < ${p.add(filter.to)}`);
  if (filter.staff) where.push(oneOf('staff', filter.staff, p));
  if (filter.channels) where.push(oneOf('channel', filter.channels, p));
  if (filter.outcomes) {
    where.push(oneOf('outcome', filter.outcomes, p));
    // Only attempts and dones have an outcome (buildLogEntry). Saying so changes no result but
    // lets PostgreSQL start an index walk at them: without it, "declined, by type" read 170k
    // snoozed/reopened/… entries before the first match (0.4 s at 1M entries; 3 ms with it).
    if (!filter.types) where.push(`type IN ('attempted', 'done')`);
  }
  if (filter.types) where.push(oneOf('type', filter.types, p));
  if (filter.campaignId !== undefined) where.push(`campaign_id = ${p.add(filter.campaignId)}`);
  if (filter.patronId !== undefined) where.push(`patron_id = ${p.add(filter.patronId)}`);
  return where;
}

export const whereClause = (conditions: readonly string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

/** The column each sort reads (text columns are COLLATE "C" in the table: code-point order). */
export const SORT_COLUMNS: Record<LogSortField, string> = { at: 'at', patron: 'patron_sort', staff: 'staff', type: 'type', channel: 'channel', outcome: 'outcome' };
/** Sort keys that can be null (an erased patron, an entry without outcome, a follow-up not arrived yet). */
export const NULLABLE_SORTS: ReadonlySet<LogSortField> = new Set(['patron', 'channel', 'outcome']);

/**
 * ORDER BY for a sort: the field, then at, then event_id, all in the sort's direction, nulls
 * last both ways. Non-null columns get no NULLS clause so a descending sort can read their
 * ascending index backwards (PostgreSQL does not use NOT NULL to match NULLS LAST).
 */
export function orderBy(sort: LogSort): string {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const tie = `at ${dir}, event_id ${dir}`;
  if (sort.field === 'at') return `ORDER BY ${tie}`;
  const nulls = NULLABLE_SORTS.has(sort.field) ? ' NULLS LAST' : '';
  return `ORDER BY ${SORT_COLUMNS[sort.field]} ${dir}${nulls}, ${tie}`;
}

/** Every column of a log entry, named as LogEntry names them. */
export const ENTRY_SELECT = `event_id AS "eventId", follow_up_id AS "followUpId", patron_id AS "patronId", patron_name AS "patronName",
  branch_id AS "branchId", type, at, staff, desk_id AS "deskId", desk_name AS "deskName", outcome, comment, until,
  assigned_to AS "assignedTo", channel, reason, campaign_id AS "campaignId", campaign_name AS "campaignName",
  follow_up_created_at AS "followUpCreatedAt", first_due_at AS "firstDueAt"`;
