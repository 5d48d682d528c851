import type { DeskDb } from '../../db/deskDb';
import { saveDeskBranch, type DeskIdentity } from '../../db/deskMeta';
import { adoptLocalRecords } from '../../sync/adoptLocalRecords';

/**
 * A desk used on its own joins a real branch at its first login: its local records move to
 * that branch and are queued for the server, then the desk remembers the branch. Saved last,
 * so an interrupted adoption simply runs again at the next login.
 */
export async function joinBranch(db: DeskDb, branchId: string, onProgress?: (done: number) => void): Promise<DeskIdentity> {
  await adoptLocalRecords(db, branchId, onProgress);
  return saveDeskBranch(db, branchId);
}

/** How many records a desk's adoption will move: the total for its progress bar. */
export async function countLocalRecords(db: DeskDb): Promise<number> {
  const counts = await Promise.all([db.patrons, db.notes, db.requests, db.followUps, db.followUpEvents].map((t) => t.count()));
  return counts.reduce((a, b) => a + b, 0);
}
