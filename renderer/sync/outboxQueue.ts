import { MAX_BATCH_BYTES, MAX_BATCH_MUTATIONS, type PushResponse } from '@shared/sync/protocol';
import type { DeskDb } from '../db/deskDb';
import type { OutboxRow, SyncMeta } from './syncTables';
import { codecOf } from '@shared/sync/entities';
import { deskClock, saveDeskClock } from './deskClock';

/** The oldest unsent changes, at most 500 of them or about 1 MB (ARCHITECTURE §4.3). */
export async function nextBatch(db: DeskDb): Promise<OutboxRow[]> {
  const rows = await db.outbox.orderBy('seq').limit(MAX_BATCH_MUTATIONS).toArray();
  const batch: OutboxRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = JSON.stringify(row.mutation).length + 1;
    if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES - 1024) break;
    batch.push(row);
    bytes += size;
  }
  return batch;
}

export interface Settled {
  accepted: number;
  rejected: number;
  /** Refused as stamped ahead of the server clock: restamped and sent again. */
  restamped: number;
}

/**
 * Records the server's answer to a batch in one transaction: accepted (or already applied)
 * changes leave the outbox; refused ones move to syncRejected with the reason, where staff
 * see them and fix or discard them; changes stamped ahead of the server clock are stamped
 * again from this desk's clock (their fields' clocks on the row too) and stay queued.
 */
export async function settleBatch(db: DeskDb, sent: readonly OutboxRow[], response: PushResponse, now: number): Promise<Settled> {
  const bySeq = new Map(sent.map((r) => [r.mutation.id, r]));
  const out: Settled = { accepted: 0, rejected: 0, restamped: 0 };
  const tables = [db.outbox, db.syncRejected, db.syncState, db.meta, db.patrons, db.notes, db.requests, db.followUps, db.followUpEvents];
  await db.transaction('rw', tables, async () => {
    for (const result of response.results) {
      const row = bySeq.get(result.mutationId);
      if (!row || row.seq === undefined) continue;
      if (result.status !== 'rejected') {
        await db.outbox.delete(row.seq);
        out.accepted++;
      } else if (result.code === 'clock-ahead') {
        await restamp(db, row);
        out.restamped++;
      } else {
        await db.outbox.delete(row.seq);
        await db.syncRejected.put({
          mutationId: row.mutation.id, patronId: row.patronId, mutation: row.mutation, code: result.code, reason: result.reason,
          ...(result.issues ? { issues: result.issues } : {}), at: now,
        });
        out.rejected++;
      }
    }
  });
  return out;
}

/** Gives a queued change a fresh timestamp, and the fields it set on the row the same one. */
async function restamp(db: DeskDb, row: OutboxRow): Promise<void> {
  const clock = await deskClock(db);
  const old = row.mutation.hlc;
  const hlc = clock.tick();
  if (row.mutation.kind === 'edit') {
    const table = db.table<Record<string, unknown> & SyncMeta, string>(codecOf(row.mutation.entity).table);
    const record = await table.get(row.mutation.recordId);
    if (record?._clocks) {
      const clocks = { ...record._clocks };
      for (const f of Object.keys(row.mutation.fields)) if (clocks[f] === old) clocks[f] = hlc;
      await table.put({ ...record, _clocks: clocks });
    }
  }
  await db.outbox.put({ ...row, mutation: { ...row.mutation, hlc } });
  await saveDeskClock(db, clock);
}
