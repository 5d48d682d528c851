import { CHANNEL_LABELS } from '@shared/domain/channels';
import { OUTCOME_LABELS } from '@shared/followups/followUp';
import { EVENT_LABELS } from '@shared/followups/followUpEvents';
import { neutraliseFormula } from '@shared/log/csvSafety';
import { LOG_COLUMNS } from '@shared/log/logColumns';
import type { LogExportQuery } from '@shared/log/logQuery';
import { filterConditions, InlineParams, orderBy, sqlLiteral, whereClause, type BranchScope } from './logSql';

/**
 * What PostgreSQL writes for one column of the export, and what the server does with it
 * (copyCsvRecords.ts): `time`, the moment as epoch milliseconds, which the server turns into
 * the cell text with the same functions as the JavaScript path (formatting dates in SQL cost
 * PostgreSQL about 1 µs a cell, four or five cells a row, on the one core that also renders
 * the CSV; on the server's side it runs beside it and hits the formatters' caches); `text`,
 * a text the server neutralises against formulas and writes empty when it is "" (in SQL that
 * was a CASE and a NULLIF per cell, about a second of PostgreSQL's time at a million rows).
 */
export interface CopyColumn {
  sql: string;
  time?: 'instant' | 'local';
  text?: true;
}

/** A text cell: PostgreSQL writes the text, the server makes it safe (see CopyColumn). */
const text = (v: string): CopyColumn => ({ sql: v, text: true });
/**
 * A constant text as its (neutralised) literal, or NULL when empty. PostgreSQL's CSV quotes
 * exactly what csv-stringify quotes (a delimiter, a quote, CR or LF; quotes doubled) but
 * writes an empty string as `""` and only NULL as nothing, which is how csv-stringify writes
 * an empty cell.
 */
const constant = (value: string) => (value === '' ? 'NULL' : sqlLiteral(neutraliseFormula(value)));
/** A label looked up by code; an unknown code is an empty cell, as in LOG_COLUMNS. */
const labelled = (column: string, labels: Record<string, string>) =>
  `CASE ${column} ${Object.entries(labels).map(([code, label]) => `WHEN ${sqlLiteral(code)} THEN ${constant(label)}`).join(' ')} END`;

/** Each column by LOG_COLUMNS key, as LOG_COLUMNS' cell() and csvCellText() write it. */
function columnsByKey(branchNames: ReadonlyMap<string, string>): Record<string, CopyColumn> {
  // A branch's name, or its id when it has none; neutralising a name twice changes nothing.
  const branch = branchNames.size === 0
    ? text('branch_id')
    : text(`CASE branch_id ${[...branchNames].map(([id, name]) => `WHEN ${sqlLiteral(id)} THEN ${constant(name)}`).join(' ')} ELSE branch_id END`);
  return {
    time_utc: { sql: 'at', time: 'instant' },
    time_local: { sql: 'at', time: 'local' },
    entry: { sql: labelled('type', EVENT_LABELS) },
    outcome: { sql: labelled('outcome', OUTCOME_LABELS) },
    comment: text('comment'),
    until_local: { sql: 'until', time: 'local' },
    assigned_to: text('assigned_to'),
    patron: text(`COALESCE(patron_name, '(erased)')`),
    channel: { sql: labelled('channel', CHANNEL_LABELS) },
    reason: text('reason'),
    campaign: text('campaign_name'),
    created_local: { sql: 'follow_up_created_at', time: 'local' },
    first_due_local: { sql: 'first_due_at', time: 'local' },
    // Whole minutes, never negative: bigint division truncates, which is floor for what is left.
    minutes_since_created: { sql: 'CASE WHEN follow_up_created_at IS NOT NULL THEN GREATEST(at - follow_up_created_at, 0) / 60000 END' },
    staff: text('staff'),
    desk: text('COALESCE(desk_name, desk_id)'),
    branch,
    patron_id: text('patron_id'),
    follow_up_id: text('follow_up_id'),
    entry_id: text('event_id'),
  };
}

/** The export's columns in LOG_COLUMNS order. */
export function copyColumns(branchNames: ReadonlyMap<string, string>): CopyColumn[] {
  const byKey = columnsByKey(branchNames);
  return LOG_COLUMNS.map((c) => {
    const column = byKey[c.key];
    if (!column) throw new Error(`No SQL for the log column ${c.key}`);
    return column;
  });
}

/**
 * The COPY statement of an export: the same selection, order and cut (`upToSeq`) as the
 * keyset pages of logKeyset.ts, in one statement (the sort's indexes serve its ORDER BY).
 * COPY takes no `$n` parameters, so every value goes in as a literal (node-postgres'
 * escapeLiteral, through InlineParams).
 */
export function logCsvCopySql(query: LogExportQuery, branches: BranchScope, columns: readonly CopyColumn[], upToSeq: number): string {
  const p = new InlineParams();
  const where = [...filterConditions(query.filter, branches, p), `seq <= ${p.add(upToSeq)}`];
  return `COPY (SELECT ${columns.map((c) => c.sql).join(',\n  ')}\n FROM log_entries ${whereClause(where)} ${orderBy(query.sort)}) TO STDOUT WITH (FORMAT csv)`;
}
