import type { DeskDb } from '../db/deskDb';

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
  await db.outbox.where('patronId').equals(patronId).delete();
  await db.syncRejected.where('patronId').equals(patronId).delete();
}
