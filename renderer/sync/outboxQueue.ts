import { MAX_BATCH_BYTES, MAX_BATCH_MUTATIONS, type PushResponse, type PushResult } from '@shared/sync/protocol';
import type { DeskDb } from '../db/deskDb';
import { keepChanges } from './outboxRows';
import type { OutboxChange, SyncMeta } from './syncTables';
import { codecOf } from '@shared/sync/entities';
import type { HlcClock } from '@shared/sync/hlc';
import { deskClock, saveDeskClock } from './deskClock';
import { clocksOf, withClocks } from './rowClocks';

/** A change picked for a push, and the outbox row it sits in. */
export interface QueuedChange extends OutboxChange {
  seq: number;
}

/**
 * The oldest unsent changes, at most 500 of them or about 1 MB (ARCHITECTURE §4.3), in the
 * order they were made. A large write (a campaign) is sent over several batches.
 */
export async function nextBatch(db: DeskDb): Promise<QueuedChange[]> {
  const batch: QueuedChange[] = [];
  let bytes = 0;
  let full = false;
  await db.outbox
    .orderBy('seq')
    .until(() => full)
    .each((row) => {
      for (const change of row.changes) {
        const size = JSON.stringify(change.mutation).length + 1;
        if (batch.length === MAX_BATCH_MUTATIONS || (batch.length > 0 && bytes + size > MAX_BATCH_BYTES - 1024)) {
          full = true;
          return;
        }
        batch.push({ ...change, seq: row.seq! });
        bytes += size;
      }
    });
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
 * again from this desk's clock (their fields' clocks on the row too) and stay queued. Each
 * outbox row is read again here: a change erased since the push is not brought back.
 */
export async function settleBatch(db: DeskDb, sent: readonly QueuedChange[], response: PushResponse, now: number): Promise<Settled> {
  const seqOf = new Map(sent.map((c) => [c.mutation.id, c.seq]));
  const answers = new Map<number, Map<string, PushResult>>();
  for (const result of response.results) {
    const seq = seqOf.get(result.mutationId);
    if (seq === undefined) continue;
    if (!answers.has(seq)) answers.set(seq, new Map());
    answers.get(seq)!.set(result.mutationId, result);
  }
  const out: Settled = { accepted: 0, rejected: 0, restamped: 0 };
  let clock: HlcClock | undefined;
  const tables = [db.outbox, db.syncRejected, db.syncState, db.meta, db.patrons, db.notes, db.requests, db.followUps, db.followUpEvents];
  await db.transaction('rw', tables, async () => {
    for (const [seq, results] of answers) {
      const row = await db.outbox.get(seq);
      if (!row) continue;
      const kept: OutboxChange[] = [];
      for (const change of row.changes) {
        const result = results.get(change.mutation.id);
        if (!result) {
          kept.push(change);
        } else if (result.status !== 'rejected') {
          out.accepted++;
        } else if (result.code === 'clock-ahead') {
          clock ??= await deskClock(db);
          kept.push(await restamp(db, clock, change));
          out.restamped++;
        } else {
          await db.syncRejected.put({
            mutationId: change.mutation.id, patronId: change.patronId, mutation: change.mutation, code: result.code, reason: result.reason,
            ...(result.issues ? { issues: result.issues } : {}), at: now,
          });
          out.rejected++;
        }
      }
      await keepChanges(db, seq, kept);
    }
    // Loaded once for the batch (a refused batch may hold hundreds of changes), saved once.
    if (clock) await saveDeskClock(db, clock);
  });
  return out;
}

/** Gives a queued change a fresh timestamp from `clock`, and the fields it set on the row the same one. */
async function restamp(db: DeskDb, clock: HlcClock, change: OutboxChange): Promise<OutboxChange> {
  const old = change.mutation.hlc;
  const hlc = clock.tick();
  if (change.mutation.kind === 'edit') {
    const table = db.table<Record<string, unknown> & SyncMeta, string>(codecOf(change.mutation.entity).table);
    const record = await table.get(change.mutation.recordId);
    if (record) {
      const clocks = clocksOf(record);
      for (const f of Object.keys(change.mutation.fields)) if (clocks[f] === old) clocks[f] = hlc;
      await table.put(withClocks(record, clocks));
    }
  }
  return { ...change, mutation: { ...change.mutation, hlc } };
}
