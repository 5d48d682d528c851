import { displayName } from '@shared/domain/patron';
import { foldFollowUp, pendingDueAtOf } from '@shared/followups/foldFollowUp';
import { buildLogEntry, patronSortKey } from '@shared/log/buildLogEntry';
import type { LogEntry } from '@shared/log/logEntry';
import type { StoredRecord } from '../sync/storedRecord';
import type { Queryable } from '../db/database';
import { createdEventOf, eventsByFollowUp, isStoredCreatedEvent } from '@shared/followups/followUpLog';
import { decodeEvents, patronNamesOf, readEvents, readFollowUps, readFollowUpsWithSeq, readPatronNames, type FieldsRow, type RecordsAtHand } from './logRecords';

/**
 * Keeps the log tables (migration 0003) in step with sync_records. Called by applyBatches in
 * the push transaction, after the batch's records are written, so the log commits (or rolls
 * back) with the changes it reflects and always reads them as they now are. `atHand` holds
 * the records the push group already has (read under its lock or just written), so only the
 * rest is read here: this runs inside the one push transaction everybody waits for.
 */
export async function projectLog(tx: Queryable, changed: readonly StoredRecord[], erasedPatronIds: readonly string[], atHand?: RecordsAtHand): Promise<void> {
  if (erasedPatronIds.length > 0) await anonymise(tx, erasedPatronIds);
  const live = changed.filter((r) => !r.erased);
  await renamePatrons(tx, live.filter((r) => r.entity === 'patron'));

  const newEvents = live.filter((r) => r.entity === 'followUpEvent').map((r) => r.id);
  const arrivedFollowUps = live.filter((r) => r.entity === 'followUp').map((r) => r.id);
  // A follow-up arriving after its events: those entries were written without its columns.
  const waiting = arrivedFollowUps.length === 0 ? [] : (await tx.query<{ event_id: string }>(
    'SELECT event_id FROM log_entries WHERE follow_up_id = ANY($1::text[]) AND event_id <> follow_up_id', [arrivedFollowUps],
  )).rows.map((r) => r.event_id);
  const events = await entryRows(tx, [...newEvents, ...waiting], atHand);
  const created = await createdEntryRows(tx, arrivedFollowUps, atHand);
  await upsertEntries(tx, [...events.rows, ...created]);
  await refreshFollowUps(tx, [...new Set([...events.followUpIds, ...arrivedFollowUps])], atHand);
}

/**
 * An erased patron's entries stay (the log of what staff did is the organisation's), but
 * nothing that identifies or describes the patron: their name, and the free text staff
 * wrote (comments, cancel reasons, the follow-up's reason, a reassignment's note of who).
 */
async function anonymise(tx: Queryable, patronIds: readonly string[]): Promise<void> {
  await tx.query(
    `UPDATE log_entries SET patron_name = NULL, patron_sort = NULL, comment = '', reason = NULL, assigned_to = NULL
      WHERE patron_id = ANY($1::text[])`,
    [patronIds],
  );
  await tx.query(`UPDATE log_follow_ups SET status = 'erased', due_at = NULL WHERE patron_id = ANY($1::text[])`, [patronIds]);
}

/** A patron's name shows as it is today on every entry about them. */
async function renamePatrons(tx: Queryable, patrons: readonly StoredRecord[]): Promise<void> {
  const rows = patrons.flatMap((p) => {
    const names = patronNamesOf(p.fields);
    return names ? [{ patron_id: p.id, name: displayName(names), sort: patronSortKey(names) }] : [];
  });
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE log_entries l SET patron_name = x.name, patron_sort = x.sort
       FROM jsonb_to_recordset($1::jsonb) AS x(patron_id text, name text, sort text)
      WHERE l.patron_id = x.patron_id AND (l.patron_name, l.patron_sort) IS DISTINCT FROM (x.name, x.sort COLLATE "C")`,
    [JSON.stringify(rows)],
  );
}

/**
 * (Re)writes the entries of these events from their records; returns their follow-ups' ids.
 * A stored "created" event (from an earlier desk) gets no entry: the follow-up's own
 * "created" entry stands for it (writeCreatedEntries, shared/followups/followUpLog.ts).
 */
export async function writeEntries(tx: Queryable, eventIds: readonly string[]): Promise<string[]> {
  const { rows, followUpIds } = await entryRows(tx, eventIds);
  await upsertEntries(tx, rows);
  return followUpIds;
}

async function entryRows(tx: Queryable, eventIds: readonly string[], atHand?: RecordsAtHand): Promise<{ rows: EntryRow[]; followUpIds: string[] }> {
  if (eventIds.length === 0) return { rows: [], followUpIds: [] };
  const events = await readEvents(tx, eventIds, atHand);
  const logged = events.filter(({ event }) => !isStoredCreatedEvent(event));
  const followUps = await readFollowUps(tx, logged.map((e) => e.event.followUpId), atHand);
  const patrons = await readPatronNames(tx, logged.map((e) => e.event.patronId), atHand);
  const rows = logged.map(({ event, seq }) => {
    const patron = patrons.get(event.patronId);
    return toRow(buildLogEntry(event, followUps.get(event.followUpId), patron), patron ? patronSortKey(patron) : null, seq);
  });
  return { rows, followUpIds: [...new Set(events.map((e) => e.event.followUpId))] };
}

/** (Re)writes the "created" entries of these follow-ups: each follow-up is its own (createdEventOf), ordered by its sequence number. */
export async function writeCreatedEntries(tx: Queryable, followUpIds: readonly string[]): Promise<void> {
  await upsertEntries(tx, await createdEntryRows(tx, followUpIds));
}

async function createdEntryRows(tx: Queryable, followUpIds: readonly string[], atHand?: RecordsAtHand): Promise<EntryRow[]> {
  if (followUpIds.length === 0) return [];
  const followUps = await readFollowUpsWithSeq(tx, followUpIds, atHand);
  const patrons = await readPatronNames(tx, followUps.map((f) => f.followUp.patronId), atHand);
  return followUps.map(({ followUp, seq }) => {
    const patron = patrons.get(followUp.patronId);
    return toRow(buildLogEntry(createdEventOf(followUp), followUp, patron), patron ? patronSortKey(patron) : null, seq);
  });
}

type EntryRow = Record<keyof typeof COLUMN_DEFS, unknown>;

/** One statement for every entry; an entry listed twice is written once (its last row). */
async function upsertEntries(tx: Queryable, entries: readonly EntryRow[]): Promise<void> {
  const rows = [...new Map(entries.map((r) => [r.event_id, r])).values()];
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO log_entries (${COLUMNS.join(', ')})
     SELECT ${COLUMNS.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMN_TYPES})
     ON CONFLICT (event_id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'event_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
    [JSON.stringify(rows)],
  );
}

const COLUMN_DEFS = {
  event_id: 'text', follow_up_id: 'text', patron_id: 'text', patron_name: 'text', patron_sort: 'text', branch_id: 'text', type: 'text', at: 'bigint',
  staff: 'text', desk_id: 'text', desk_name: 'text', outcome: 'text', comment: 'text', until: 'bigint', assigned_to: 'text', channel: 'text',
  reason: 'text', campaign_id: 'text', campaign_name: 'text', follow_up_created_at: 'bigint', first_due_at: 'bigint', seq: 'bigint',
} as const;
const COLUMNS = Object.keys(COLUMN_DEFS);
const COLUMN_TYPES = Object.entries(COLUMN_DEFS).map(([c, t]) => `${c} ${t}`).join(', ');

function toRow(e: LogEntry, patronSort: string | null, seq: number): EntryRow {
  return {
    event_id: e.eventId, follow_up_id: e.followUpId, patron_id: e.patronId, patron_name: e.patronName, patron_sort: patronSort, branch_id: e.branchId,
    type: e.type, at: e.at, staff: e.staff, desk_id: e.deskId, desk_name: e.deskName, outcome: e.outcome, comment: e.comment, until: e.until,
    assigned_to: e.assignedTo, channel: e.channel, reason: e.reason, campaign_id: e.campaignId, campaign_name: e.campaignName,
    follow_up_created_at: e.followUpCreatedAt, first_due_at: e.firstDueAt, seq,
  };
}

/** Re-folds these follow-ups from all their events (the shared foldFollowUp) for the dashboard. */
export async function refreshFollowUps(tx: Queryable, followUpIds: readonly string[], atHand?: RecordsAtHand): Promise<void> {
  if (followUpIds.length === 0) return;
  const followUps = await readFollowUps(tx, followUpIds, atHand);
  if (followUps.size === 0) return;
  // Every logged event of these follow-ups (their entries were just written), in one read.
  const logged = await tx.query<FieldsRow>(
    `SELECT r.id, r.fields, r.seq FROM log_entries l
       -- event_id is COLLATE "C"; compared in sync_records' collation so its primary key serves the join.
       JOIN sync_records r ON r.entity = 'followUpEvent' AND r.id = l.event_id COLLATE "default" AND NOT r.erased
      WHERE l.follow_up_id = ANY($1::text[])`,
    [[...followUps.keys()]],
  );
  const byFollowUp = eventsByFollowUp(decodeEvents(logged.rows).map((e) => e.event));
  const rows = [...followUps.values()].map((f) => {
    const mine = byFollowUp.get(f.id) ?? [];
    const state = foldFollowUp(f, mine);
    const contacts = mine.filter((e) => e.type === 'attempted' || e.type === 'done').map((e) => e.stamp.at);
    return {
      follow_up_id: f.id, patron_id: f.patronId, branch_id: f.branchId, channel: f.channel,
      campaign_id: f.source.kind === 'campaign' ? f.source.campaignId : null, campaign_name: f.source.kind === 'campaign' ? f.source.name : null,
      created_at: f.created.at, status: state.status, due_at: pendingDueAtOf(state) ?? null,
      first_contact_at: contacts.length > 0 ? Math.min(...contacts) : null,
      reached: mine.some((e) => (e.type === 'attempted' || e.type === 'done') && e.outcome === 'reached'),
    };
  });
  await tx.query(
    `INSERT INTO log_follow_ups (follow_up_id, patron_id, branch_id, channel, campaign_id, campaign_name, created_at, status, due_at, first_contact_at, reached)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(follow_up_id text, patron_id text, branch_id text, channel text, campaign_id text, campaign_name text,
       created_at bigint, status text, due_at bigint, first_contact_at bigint, reached boolean)
     ON CONFLICT (follow_up_id) DO UPDATE SET status = EXCLUDED.status, due_at = EXCLUDED.due_at,
       first_contact_at = EXCLUDED.first_contact_at, reached = EXCLUDED.reached`,
    [JSON.stringify(rows)],
  );
}
