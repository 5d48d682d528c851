import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import type { Note } from '@shared/domain/note';
import type { Patron } from '@shared/domain/patron';
import { unclearedFlagKinds } from '@shared/domain/patronIndexKeys';
import { patronSearchTerms } from '@shared/search/searchKeys';

/**
 * Every schema version the desk database has had, oldest first. Never edit a published
 * version: add a new one with an upgrade function, so a desk that was offline for months
 * still opens its data.
 *
 * Indexes are kept lean because every index is paid for on every write (and the initial
 * sync of a new desk writes hundreds of thousands of rows; see bench/RESULTS.md):
 * - patrons.cardNumber: exact lookup for card scans and the uniqueness check;
 * - patrons.*terms: folded search keys, one multi-entry prefix scan per keystroke;
 * - patrons.lastContactAt: "we miss you" is one range scan, not a walk over every note;
 * - patrons.*flagKinds: kinds of the uncleared flags; the few do-not-contact patrons are one
 *   lookup, so "we miss you" reads keys only (most patrons have no flag, so no entries);
 * - notes.patronId, requests.patronId, followUps.patronId: a patron's page loads its own rows;
 * - followUps.pendingDueAt: the reminder service's next timer is one index lookup, and
 *   closed follow-ups (no pendingDueAt) drop out of the index by themselves;
 * - followUpEvents.followUpId: the log of one follow-up, folded into its state;
 * - outbox.*patronIds: a patron's unsent changes, found for erasure; outbox.changeCount: the
 *   pending count from index keys alone.
 */
export function applySchema(db: Dexie): void {
  db.version(1).stores({
    patrons: 'id, cardNumber, *terms',
    notes: 'id, patronId',
    requests: 'id, patronId',
    meta: 'key',
  });
  db.version(2)
    .stores({
      patrons: 'id, cardNumber, *terms, lastContactAt',
      followUps: 'id, patronId, pendingDueAt',
      followUpEvents: 'id, followUpId, patronId',
    })
    .upgrade(backfillLastContact);
  // v3: the same indexes; search terms gain the name-pair keys (searchKeys.namePairKeys).
  db.version(3).upgrade(rebuildSearchTerms);
  // v4: the kinds of each patron's uncleared flags, indexed ("we miss you" skips do-not-contact by keys).
  db.version(4)
    .stores({ patrons: 'id, cardNumber, *terms, lastContactAt, *flagKinds' })
    .upgrade(indexFlagKinds);
  // v5: sync. The outbox of unsent changes in the order they were made, the sync engine's
  // state (cursor, clock) and refused changes. Rows written before this version have no field
  // clocks; they are sent whole when the desk first joins a branch (renderer/sync/adoptLocalRecords.ts).
  db.version(5).stores({
    outbox: '++seq, patronId',
    syncState: 'key',
    syncRejected: 'mutationId, patronId',
  });
  // v6: an outbox row holds the changes of one write (one request for a campaign's thousands
  // of follow-ups, not one each), indexed by every patron it is about.
  db.version(6).stores({ outbox: '++seq, *patronIds' }).upgrade(groupOutboxRows);
  // v7: each outbox row's number of changes, indexed, so the pending count reads no rows.
  db.version(7).stores({ outbox: '++seq, *patronIds, changeCount' }).upgrade(countOutboxChanges);
}

/** v7: each outbox row's changeCount. */
async function countOutboxChanges(tx: Transaction): Promise<void> {
  await tx.table('outbox').toCollection().modify((row: { changes: unknown[]; changeCount?: number }) => {
    row.changeCount = Array.isArray(row.changes) ? row.changes.length : 0;
  });
}

/** v6: each v5 outbox row (one change) becomes a row of one change, in place and in order. */
async function groupOutboxRows(tx: Transaction): Promise<void> {
  await tx.table('outbox').toCollection().modify((row: Record<string, unknown>) => {
    const { patronId, mutation } = row as { patronId: string; mutation: unknown };
    for (const key of Object.keys(row)) if (key !== 'seq') delete row[key];
    Object.assign(row, { patronIds: [patronId], changes: [{ patronId, mutation }] });
  });
}

/**
 * v4: store the kinds of each patron's uncleared flags. Only flagged patrons (a few percent)
 * are rewritten: a patron without flags has no index entries either way, and rewriting every
 * row is what made the v2 upgrade take minutes at 100k patrons (bench/RESULTS.md). The rows
 * are read in pages (one getAll each) rather than through a cursor: 1.9 s against 3.1 s for
 * 20k patrons (bench/RESULTS.md §5.1).
 */
async function indexFlagKinds(tx: Transaction): Promise<void> {
  const patrons = tx.table<Patron, string>('patrons');
  for (let after: string | undefined; ;) {
    const page = await (after === undefined ? patrons.orderBy(':id') : patrons.where(':id').above(after)).limit(UPGRADE_PAGE).toArray();
    const flagged = page.filter((p) => p.flags.length > 0);
    if (flagged.length > 0) await patrons.bulkPut(flagged.map((p) => ({ ...p, flagKinds: unclearedFlagKinds(p.flags) })));
    if (page.length < UPGRADE_PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

/** Rows per read in an upgrade that must look at every patron: bounded memory, few round trips. */
const UPGRADE_PAGE = 2000;

/** v3: recompute every patron's folded search keys from its details. */
async function rebuildSearchTerms(tx: Transaction): Promise<void> {
  await tx.table<Patron>('patrons').toCollection().modify((p) => {
    p.terms = patronSearchTerms(p);
  });
}

/** v2: a patron's last contact is their latest note, or when they were first recorded. */
async function backfillLastContact(tx: Transaction): Promise<void> {
  const latestNote = new Map<string, number>();
  await tx.table<Note>('notes').each((n) => {
    if (!n.deleted) latestNote.set(n.patronId, Math.max(latestNote.get(n.patronId) ?? 0, n.created.at));
  });
  await tx.table<Patron>('patrons').toCollection().modify((p) => {
    p.lastContactAt = Math.max(p.created.at, latestNote.get(p.id) ?? 0);
  });
}
