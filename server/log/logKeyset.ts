import type { LogEntry } from '@shared/log/logEntry';
import type { LogFilter, LogSort } from '@shared/log/logQuery';
import type { Queryable } from '../db/database';
import { ENTRY_SELECT, filterConditions, NULLABLE_SORTS, Params, SORT_COLUMNS, whereClause, type BranchScope } from './logSql';

export const EXPORT_PAGE_ROWS = 5000;

interface Phase {
  /** Extra conditions of this part of the order. */
  where: string[];
  /** The ORDER BY columns, all in the sort's direction. */
  keys: string[];
}

/**
 * A sort as parts read one after another, each ordered by a row of columns that an index
 * serves, so "after the last row sent" is one row comparison, `(k1, k2, k3) > ($1, $2, $3)`,
 * that PostgreSQL turns into an index range. A nullable key is read in two parts (its
 * values, then its nulls by time) because a row comparison cannot say "nulls last".
 */
function phasesOf(sort: LogSort): Phase[] {
  if (sort.field === 'at') return [{ where: [], keys: ['at', 'event_id'] }];
  const column = SORT_COLUMNS[sort.field];
  const values: Phase = { where: NULLABLE_SORTS.has(sort.field) ? [`${column} IS NOT NULL`] : [], keys: [column, 'at', 'event_id'] };
  return NULLABLE_SORTS.has(sort.field) ? [values, { where: [`${column} IS NULL`], keys: ['at', 'event_id'] }] : [values];
}

/**
 * The whole selection in the sort's order, as pages of at most `pageRows` entries: keyset
 * paging, not OFFSET, so each page costs the same however deep the export is, and no
 * transaction is held open between pages (PGlite has one connection that other requests
 * need meanwhile). `upToSeq` leaves out entries synced after the export began, so rows
 * arriving during a long export neither appear half-way nor push others along.
 */
export async function* logPages(db: Queryable, filter: LogFilter, branches: BranchScope, sort: LogSort, upToSeq: number, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<LogEntry[]> {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const cmp = sort.direction === 'asc' ? '>' : '<';
  for (const phase of phasesOf(sort)) {
    let after: unknown[] | undefined;
    for (;;) {
      const p = new Params();
      const where = [...filterConditions(filter, branches, p), `seq <= ${p.add(upToSeq)}`, ...phase.where];
      if (after) where.push(`(${phase.keys.join(', ')}) ${cmp} (${after.map((v) => p.add(v)).join(', ')})`);
      const keyColumns = phase.keys.map((k, i) => `${k} AS k${i}`).join(', ');
      const { rows } = await db.query<LogEntry & Record<string, unknown>>(
        `SELECT ${ENTRY_SELECT}, ${keyColumns} FROM log_entries ${whereClause(where)}
          ORDER BY ${phase.keys.map((k) => `${k} ${dir}`).join(', ')} LIMIT ${p.add(pageRows)}`,
        p.values,
      );
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      after = phase.keys.map((_k, i) => last[`k${i}`]);
      yield rows;
      if (rows.length < pageRows) break;
    }
  }
}
