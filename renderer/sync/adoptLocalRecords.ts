import { codecOf, ENTITY_NAMES } from '@shared/sync/entities';
import type { ClockMap } from '@shared/sync/fields';
import type { EditMutation } from '@shared/sync/protocol';
import type { DeskDb } from '../db/deskDb';
import { LOCAL_BRANCH_ID } from '../db/deskIdentity';
import { newId } from '../db/ids';
import { keepChanges, outboxRowOf } from './outboxRows';
import type { OutboxChange, SyncMeta } from './syncTables';
import { deskClock, saveDeskClock } from './deskClock';
import { withClocks } from './rowClocks';

const CHUNK = 500;

/**
 * A desk used on its own before anyone logged in holds records of the "local" branch, with
 * no field clocks. When it first joins a real branch, those records move to that branch and
 * are queued whole for the server, a chunk per transaction (so a large diary neither holds
 * one giant transaction nor loses its place: rerunning it picks up what is left). Changes
 * queued before joining named the local branch and are superseded by the whole records.
 */
export async function adoptLocalRecords(db: DeskDb, branchId: string, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  await db.transaction('rw', db.outbox, db.syncState, async () => {
    for (const row of await db.outbox.toArray()) {
      const kept = row.changes.filter((c) => c.mutation.branchId !== LOCAL_BRANCH_ID);
      if (kept.length < row.changes.length) await keepChanges(db, row.seq!, kept);
    }
  });
  for (const entity of ENTITY_NAMES) {
    const codec = codecOf(entity);
    const table = db.table<Record<string, unknown> & SyncMeta, string>(codec.table);
    // Walk the table once by primary key, a chunk per transaction.
    let after = '';
    for (;;) {
      const chunk = await table.where(':id').above(after).limit(CHUNK).toArray();
      if (chunk.length === 0) break;
      after = String(chunk[chunk.length - 1]!.id);
      const moved = await db.transaction('rw', [table, db.outbox, db.syncState, db.meta], async () => {
        const rows = (await table.bulkGet(chunk.map((r) => String(r.id)))).filter((r): r is Record<string, unknown> & SyncMeta => r?.branchId === LOCAL_BRANCH_ID);
        if (rows.length === 0) return 0;
        const clock = await deskClock(db);
        const outbox: OutboxChange[] = [];
        const updated = rows.map((row) => {
          const record = { ...row, branchId };
          const fields = { ...(row._extra ?? {}), ...codec.toFields(record as never) };
          const hlc = clock.tick();
          const clocks: ClockMap = {};
          for (const f of Object.keys(fields)) clocks[f] = hlc;
          const mutation: EditMutation = { id: newId(), kind: 'edit', entity, recordId: String(row.id), branchId, hlc, fields };
          outbox.push({ patronId: codec.patronIdOf(record as never), mutation });
          return withClocks(record, clocks);
        });
        await table.bulkPut(updated);
        await db.outbox.add(outboxRowOf(outbox));
        await saveDeskClock(db, clock);
        return rows.length;
      });
      done += moved;
      onProgress?.(done);
    }
  }
  return done;
}
