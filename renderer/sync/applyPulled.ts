import { foldFollowUp, pendingDueAtOf } from '@shared/followups/foldFollowUp';
import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpEvent } from '@shared/followups/followUpEvents';
import { codecOf } from '@shared/sync/entities';
import { hlcWall, isHlc, MAX_DRIFT_MS } from '@shared/sync/hlc';
import type { PullResponse } from '@shared/sync/protocol';
import type { DeskDb } from '../db/deskDb';
import { eraseLocally } from './eraseLocally';
import { preparePulledPage, type PreparedPage, type PreparedRecord } from './preparedPage';
import { mergeRecord, type MergedRow, type Row } from './pulledRows';
import type { SyncMeta } from './syncTables';

export interface PulledPageSummary {
  /**
   * The replica's cursor is no longer the one this page was pulled from (another round got
   * there first, or a discarded change asked for a full pull again): nothing was written.
   */
  superseded: boolean;
  /** Records whose local copy changed. */
  changed: number;
  /** Patrons erased here because the server erased them. */
  erased: string[];
  /** Records this build cannot read (written by a newer desk with values it does not know); left as they were. */
  unreadable: number;
}

export interface ApplyPulledOptions {
  /**
   * The page belongs to the first full pull of a desk whose synced tables were empty when it
   * began (see syncOnce). Every row such a desk holds came from this pull, or carries a local
   * change that is still unsent or refused, or one the server already has: so a pulled record
   * with no unsent or refused change is the newest state of its row and is stored as it comes,
   * without reading the row first. On a new desk that read was most of the time of its
   * first sync (bench/RESULTS.md §9).
   */
  fresh?: boolean;
  /** The pull's last page: the fresh pull, if it was one, ends with it. */
  last?: boolean;
  /** The cursor the page was pulled from (undefined: from the start). */
  from?: string;
  /** The page, prepared ahead by preparePulledPage with the same `fresh`. */
  prepared?: PreparedPage;
}

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`;

/**
 * Applies one pulled page and saves its cursor in the same transaction (ARCHITECTURE §4.4):
 * a desk that crashes mid-way pulls the page again, and merging it twice changes nothing.
 *
 * Each record merges field by field with the local copy by clock (the same rule the server
 * used), so local edits not yet pushed survive, and fields this build does not know are kept
 * on the row. Rows are read and written a table at a time (IndexedDB serves a batch of
 * requests far faster than the same requests one after another). Follow-ups get their due
 * time from their log; an erased patron takes every record and unsent change about them along.
 *
 * `options.prepared` is the page as preparePulledPage left it (syncOnce prepares the next
 * page while this one commits); without it the page is prepared here.
 */
export async function applyPulledPage(db: DeskDb, page: PullResponse, now: number, options: ApplyPulledOptions = {}): Promise<PulledPageSummary> {
  const fresh = options.fresh === true;
  const prepared = options.prepared ?? preparePulledPage(page, fresh);
  if (prepared.page !== page || prepared.fresh !== fresh) throw new Error('applyPulledPage: the prepared page is not this page, or not for this kind of pull');
  const summary: PulledPageSummary = { superseded: false, changed: 0, erased: [], unreadable: 0 };
  const tables = [db.patrons, db.notes, db.requests, db.followUps, db.followUpEvents, db.outbox, db.syncRejected, db.syncState];
  await db.transaction('rw', tables, async () => {
    // A page is only the next step from the cursor it was asked with. Two rounds at once (an
    // engine restarted during a long first sync) would otherwise store an older page over a
    // newer one, which the fresh path does not merge, and move the cursor past the newer one.
    if ('from' in options && (await db.syncState.get('cursor'))?.value !== options.from) {
      summary.superseded = true;
      return;
    }
    for (const id of prepared.erased) {
      await eraseLocally(db, id);
      summary.erased.push(id);
    }
    const unsent = fresh ? await locallyChanged(db) : undefined;
    // Events first: a follow-up of this page folds with the events stored before it.
    const refold = new Set<string>();
    const putFollowUps = new Set<string>();
    for (const table of ['patrons', 'notes', 'requests', 'followUpEvents', 'followUps'] as const) {
      const records = prepared.byTable.get(table);
      if (!records) continue;
      const rows = await rowsToStore(db, records, unsent, summary);
      if (table === 'followUps') {
        await withDueTimes(db, rows as unknown as Array<FollowUp & SyncMeta>, prepared.dueFromEmptyLog);
        for (const row of rows) putFollowUps.add(row.id as string);
      }
      if (table === 'followUpEvents') for (const row of rows) if (typeof row.followUpId === 'string') refold.add(row.followUpId);
      if (rows.length > 0) await db.table(table).bulkPut(rows);
    }
    for (const id of refold) if (!putFollowUps.has(id)) await refoldFollowUp(db, id);
    await db.syncState.put({ key: 'cursor', value: page.cursor });
    if (fresh && options.last) await db.syncState.delete('freshPull');
    // The next local edit must order after everything seen, unless it came from a clock far ahead.
    const latest = prepared.latest;
    if (latest && hlcWall(latest) <= now + MAX_DRIFT_MS) {
      const saved = await db.syncState.get('hlc');
      if (!isHlc(saved?.value) || latest > saved.value) await db.syncState.put({ key: 'hlc', value: latest });
    }
  });
  return summary;
}

/** Records with a change this desk has not had accepted yet (unsent, or refused and awaiting a person). */
async function locallyChanged(db: DeskDb): Promise<Set<string>> {
  const keys = new Set<string>();
  if ((await db.outbox.count()) > 0) {
    for (const row of await db.outbox.toArray()) for (const c of row.changes) keys.add(keyOf(c.mutation.entity, c.mutation.recordId));
  }
  if ((await db.syncRejected.count()) > 0) {
    for (const row of await db.syncRejected.toArray()) keys.add(keyOf(row.mutation.entity, row.mutation.recordId));
  }
  return keys;
}

/**
 * The rows to store for one table's pulled records: merged with the stored rows (read in one
 * batch), or, where the page is fresh (see ApplyPulledOptions), the rows built ahead. Records
 * with an unsent or refused change still merge. Unchanged rows are left out.
 */
async function rowsToStore(db: DeskDb, records: PreparedRecord[], unsent: Set<string> | undefined, summary: PulledPageSummary): Promise<Row[]> {
  const table = db.table<Row, string>(codecOf(records[0]!.record.entity).table);
  const mustRead = unsent ? records.filter((r) => unsent.has(keyOf(r.record.entity, r.record.id))) : records;
  const stored = mustRead.length > 0 ? await table.bulkGet(mustRead.map((r) => r.record.id)) : [];
  const locals = new Map<string, Row>();
  stored.forEach((row, i) => {
    if (row) locals.set(mustRead[i]!.record.id, row);
  });
  const rows: Row[] = [];
  for (const { record, built } of records) {
    const local = locals.get(record.id);
    const result: MergedRow = local || built === undefined ? mergeRecord(record, local) : built === 'unreadable' ? 'unreadable' : { row: built, changed: true };
    if (result === 'unreadable') summary.unreadable++;
    else if (result !== 'same') {
      rows.push(result.row);
      if (result.changed) summary.changed++;
    }
  }
  return rows;
}

/**
 * Sets each follow-up's due time from its log as stored (this page's events included, they
 * are written first). A desk with no events at all, like a new desk pulling follow-ups
 * before their events, skips the read, and the rows preparePulledPage already folded from an
 * empty log (`dueFromEmptyLog`) keep the due time it gave them.
 */
async function withDueTimes(db: DeskDb, rows: Array<FollowUp & SyncMeta>, dueFromEmptyLog: ReadonlySet<object>): Promise<void> {
  if (rows.length === 0) return;
  const logs = new Map<string, FollowUpEvent[]>();
  const withEvents = (await db.followUpEvents.count()) > 0;
  if (withEvents) {
    const events = await db.followUpEvents.where('followUpId').anyOf(rows.map((r) => r.id)).toArray();
    for (const e of events) {
      const log = logs.get(e.followUpId);
      if (log) log.push(e);
      else logs.set(e.followUpId, [e]);
    }
  }
  for (const row of rows) {
    if (!withEvents && dueFromEmptyLog.has(row)) continue;
    const pending = pendingDueAtOf(foldFollowUp(row, logs.get(row.id) ?? []));
    if (pending === undefined) delete row.pendingDueAt;
    else row.pendingDueAt = pending;
  }
}

/** Recomputes a follow-up's due time from its whole log, as recordFollowUpEvent does for local events. */
async function refoldFollowUp(db: DeskDb, followUpId: string): Promise<void> {
  const followUp = (await db.followUps.get(followUpId)) as (FollowUp & SyncMeta) | undefined;
  if (!followUp) return; // its events arrived first; the follow-up itself folds when it comes
  const events: FollowUpEvent[] = await db.followUpEvents.where('followUpId').equals(followUpId).toArray();
  const pending = pendingDueAtOf(foldFollowUp(followUp, events));
  if (pending === followUp.pendingDueAt) return;
  const { pendingDueAt: _old, ...rest } = followUp;
  await db.followUps.put(pending === undefined ? rest : { ...rest, pendingDueAt: pending });
}
