import { CHANNEL_LABELS } from '../domain/channels';
import { OUTCOME_LABELS } from '../followups/followUp';
import { EVENT_LABELS } from '../followups/followUpEvents';
import type { LogEntry } from './logEntry';

/**
 * A cell of an exported log row, typed so each format writes it properly: CSV as text
 * (instants as ISO 8601 UTC, local times as "yyyy-MM-dd HH:mm" in the export's time zone),
 * XLSX as real date cells and numbers.
 */
export type LogCell =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  /** A moment, written as ISO 8601 in UTC ("2026-11-22T10:15:00.000Z"). */
  | { kind: 'instant'; at: number }
  /** A moment, written as the wall-clock date and time in the export's time zone. */
  | { kind: 'local'; at: number }
  | { kind: 'empty' };

export interface LogExportContext {
  /** IANA time zone for the local columns, e.g. "Europe/London". */
  timeZone: string;
  /** Branch names by id; an unknown branch is written as its id. */
  branchNames: ReadonlyMap<string, string>;
}

export interface LogColumn {
  /** Stable machine name (docs, tests). */
  key: string;
  /** The header row's text. */
  header: string;
  /** What the column means, for docs/exports.md and the XLSX totals sheet's notes. */
  meaning: string;
  cell(entry: LogEntry, ctx: LogExportContext): LogCell;
}

const text = (value: string | null | undefined): LogCell => (value ? { kind: 'text', value } : { kind: 'empty' });
const local = (at: number | null): LogCell => (at === null ? { kind: 'empty' } : { kind: 'local', at });

/** The columns of every log export (CSV, XLSX, the PDF's table, the server's CSV), in order. */
export const LOG_COLUMNS: readonly LogColumn[] = [
  { key: 'time_utc', header: 'Time (UTC)', meaning: 'When it happened, ISO 8601 in UTC, by the clock of the desk that recorded it.', cell: (e) => ({ kind: 'instant', at: e.at }) },
  { key: 'time_local', header: 'Local date and time', meaning: 'The same moment as a local date and time (the time zone is named in the file name and on the totals sheet). A date cell in XLSX.', cell: (e) => local(e.at) },
  { key: 'entry', header: 'Entry', meaning: 'What happened: Created, Claimed, Released, Attempted, Snoozed, Done, Reassigned, Cancelled or Reopened.', cell: (e) => text(EVENT_LABELS[e.type]) },
  { key: 'outcome', header: 'Outcome', meaning: 'How an attempt or a done ended: Reached, Left message, No answer, Wrong number, Emailed, Letter sent, Declined. Empty for other entries.', cell: (e) => text(e.outcome && OUTCOME_LABELS[e.outcome]) },
  { key: 'comment', header: 'Comment', meaning: 'The comment of an attempt or done, or the reason for a cancel.', cell: (e) => text(e.comment) },
  { key: 'until_local', header: 'Until / next try (local)', meaning: 'Snoozed until, try again at, or the new due time of a reopen.', cell: (e) => local(e.until) },
  { key: 'assigned_to', header: 'Assigned to', meaning: 'For a reassign: the colleague, or "Desk queue".', cell: (e) => text(e.assignedTo) },
  { key: 'patron', header: 'Patron', meaning: 'The patron\'s name today; "(erased)" once their record was erased.', cell: (e) => text(e.patronName ?? '(erased)') },
  { key: 'channel', header: 'Channel', meaning: 'How the follow-up reaches the patron: Phone, Email, SMS, Letter or In person.', cell: (e) => text(e.channel && CHANNEL_LABELS[e.channel]) },
  { key: 'reason', header: 'Follow-up reason', meaning: 'Why the follow-up exists, as staff wrote it (or the campaign name).', cell: (e) => text(e.reason) },
  { key: 'campaign', header: 'Campaign', meaning: 'The campaign the follow-up belongs to ("we miss you"), if any.', cell: (e) => text(e.campaignName) },
  { key: 'created_local', header: 'Follow-up created (local)', meaning: 'When the follow-up was created.', cell: (e) => local(e.followUpCreatedAt) },
  { key: 'first_due_local', header: 'First due (local)', meaning: 'When the follow-up was first due.', cell: (e) => local(e.firstDueAt) },
  {
    key: 'minutes_since_created',
    header: 'Minutes since created',
    meaning: 'Whole minutes from the follow-up\'s creation to this entry (a number; for the first attempt, the time to first contact).',
    cell: (e) => (e.followUpCreatedAt === null ? { kind: 'empty' } : { kind: 'number', value: Math.max(0, Math.floor((e.at - e.followUpCreatedAt) / 60_000)) }),
  },
  { key: 'staff', header: 'Staff', meaning: 'Who did it.', cell: (e) => text(e.staff) },
  { key: 'desk', header: 'Desk', meaning: 'The desk it was done at.', cell: (e) => text(e.deskName ?? e.deskId) },
  { key: 'branch', header: 'Branch', meaning: 'The branch the patron belongs to.', cell: (e, ctx) => text(ctx.branchNames.get(e.branchId) ?? e.branchId) },
  { key: 'patron_id', header: 'Patron id', meaning: 'The patron\'s id in Desk Diary (stays the same when names change).', cell: (e) => text(e.patronId) },
  { key: 'follow_up_id', header: 'Follow-up id', meaning: 'The follow-up\'s id: every entry of one follow-up shares it.', cell: (e) => text(e.followUpId) },
  { key: 'entry_id', header: 'Entry id', meaning: 'This entry\'s own id (unique). A "Created" entry has the follow-up\'s id: the follow-up record is that entry.', cell: (e) => text(e.eventId) },
];

/** One row of cells for an entry, in LOG_COLUMNS order. */
export function logRowCells(entry: LogEntry, ctx: LogExportContext): LogCell[] {
  return LOG_COLUMNS.map((c) => c.cell(entry, ctx));
}
