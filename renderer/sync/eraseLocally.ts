import type { DeskDb } from '../db/deskDb';
import { keepChanges } from './outboxRows';

/**
 * Removes a patron and everything about them from this desk: notes, requests, follow-ups
 * and their log, unsent and refused changes. Runs inside the caller's transaction, which
 * must name syncState (so the outbox middleware lets the deletes through) and these tables.
 */
export async function eraseLocally(db: DeskDb, patronId: string): Promise<void> {
  await db.patrons.delete(patronId);
  await db.notes.where('patronId').equals(patronId).delete();
  await db.requests.where('patronId').equals(patronId).delete();
  await db.followUps.where('patronId').equals(patronId).delete();
  await db.followUpEvents.where('patronId').equals(patronId).delete();
  // An outbox row holds a whole write, which may be about other patrons too: keep theirs.
  for (const row of await db.outbox.where('patronIds').equals(patronId).toArray()) {
    await keepChanges(db, row.seq!, row.changes.filter((c) => c.patronId !== patronId));
  }
  await db.syncRejected.where('patronId').equals(patronId).delete();
}
