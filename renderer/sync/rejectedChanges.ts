import { codecOf } from '@shared/sync/entities';
import type { EditMutation } from '@shared/sync/protocol';
import { DeskError } from '@shared/errors/deskError';
import type { DeskDb } from '../db/deskDb';
import { newId } from '../db/ids';
import { outboxRowOf } from './outboxRows';
import type { SyncMeta } from './syncTables';
import { deskClock, saveDeskClock } from './deskClock';
import { clocksOf, withClocks } from './rowClocks';

const TABLES = (db: DeskDb) => [db.patrons, db.notes, db.requests, db.followUps, db.followUpEvents, db.outbox, db.syncRejected, db.syncState, db.meta];

/**
 * Discards a change the server refused: the desk goes back to what the server holds. The
 * refused fields lose their clocks (so the server's values win at the next pull) and the
 * desk pulls everything again; a record the server never accepted is removed here.
 */
export async function discardRejected(db: DeskDb, mutationId: string): Promise<void> {
  await db.transaction('rw', TABLES(db), async () => {
    const rejected = await db.syncRejected.get(mutationId);
    if (!rejected) throw new DeskError('not-found', 'That refused change is no longer listed');
    await db.syncRejected.delete(mutationId);
    const m = rejected.mutation;
    if (m.kind !== 'edit') return;
    const table = db.table<Record<string, unknown> & SyncMeta, string>(codecOf(m.entity).table);
    const row = await table.get(m.recordId);
    if (!row) return;
    const clocks = clocksOf(row);
    for (const f of Object.keys(m.fields)) if (clocks[f] === m.hlc) delete clocks[f];
    if (Object.keys(clocks).length === 0) await table.delete(m.recordId);
    else await table.put(withClocks(row, clocks));
    // The server's version of those fields comes back with a full pull, merged by clock.
    await db.syncState.delete('cursor');
  });
}

/**
 * Sends a refused record again, whole and freshly stamped, after staff fixed what the reason
 * said (or once the reason went away, e.g. the patron now exists on the server).
 */
export async function resendRejected(db: DeskDb, mutationId: string): Promise<void> {
  await db.transaction('rw', TABLES(db), async () => {
    const rejected = await db.syncRejected.get(mutationId);
    if (!rejected) throw new DeskError('not-found', 'That refused change is no longer listed');
    const m = rejected.mutation;
    await db.syncRejected.delete(mutationId);
    if (m.kind !== 'edit') {
      await db.outbox.add(outboxRowOf([{ patronId: rejected.patronId, mutation: { ...m, id: newId() } }]));
      return;
    }
    const codec = codecOf(m.entity);
    const table = db.table<Record<string, unknown> & SyncMeta, string>(codec.table);
    const row = await table.get(m.recordId);
    if (!row) return;
    const clock = await deskClock(db);
    const fields = { ...(row._extra ?? {}), ...codec.toFields(row as never) };
    let floor = '';
    for (const c of Object.values(clocksOf(row))) if (c > floor) floor = c;
    const hlc = floor ? clock.tickAfter(floor as never) : clock.tick();
    const clocks = Object.fromEntries(Object.keys(fields).map((f) => [f, hlc]));
    const mutation: EditMutation = { id: newId(), kind: 'edit', entity: m.entity, recordId: m.recordId, branchId: String(row.branchId), hlc, fields };
    await table.put(withClocks(row, clocks));
    await db.outbox.add(outboxRowOf([{ patronId: rejected.patronId, mutation }]));
    await saveDeskClock(db, clock);
  });
}
