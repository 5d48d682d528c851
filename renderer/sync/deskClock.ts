import type { HlcClock } from '@shared/sync/hlc';
import type { DeskDb } from '../db/deskDb';
import type { DeskIdentity } from '../db/deskIdentity';

/**
 * The desk's clock for sync code that writes outside the outbox middleware (restamping,
 * erasure, adopting local records, resending): read inside the caller's transaction, which
 * must include meta and syncState. Save it with `saveDeskClock` in the same transaction.
 */
export async function deskClock(db: DeskDb): Promise<HlcClock> {
  const desk = (await db.meta.get('desk'))?.value as DeskIdentity;
  return db.syncClock.use(desk.id, (await db.syncState.get('hlc'))?.value);
}

export async function saveDeskClock(db: DeskDb, clock: HlcClock): Promise<void> {
  await db.syncState.put({ key: 'hlc', value: clock.peek() });
}
