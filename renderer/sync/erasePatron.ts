import type { EraseMutation } from '@shared/sync/protocol';
import { DeskError } from '@shared/errors/deskError';
import type { DeskDb } from '../db/deskDb';
import { newId } from '../db/ids';
import { eraseLocally } from './eraseLocally';
import { outboxRowOf } from './outboxRows';
import { deskClock, saveDeskClock } from './deskClock';

/**
 * Erases a patron on this desk at once and queues the erasure for every other replica
 * (ARCHITECTURE §4.9). Unsent changes about them are dropped with them: there is nothing
 * left to change. The server checks the staff member may erase (manager or admin).
 */
export async function erasePatron(db: DeskDb, patronId: string): Promise<void> {
  const tables = [db.patrons, db.notes, db.requests, db.followUps, db.followUpEvents, db.outbox, db.syncRejected, db.syncState, db.meta];
  await db.transaction('rw', tables, async () => {
    const patron = await db.patrons.get(patronId);
    if (!patron) throw new DeskError('not-found', 'This patron is not on this desk');
    const clock = await deskClock(db);
    await eraseLocally(db, patronId);
    const mutation: EraseMutation = { id: newId(), kind: 'erase', entity: 'patron', recordId: patronId, branchId: patron.branchId, hlc: clock.tick() };
    await db.outbox.add(outboxRowOf([{ patronId, mutation }]));
    await saveDeskClock(db, clock);
  });
}
