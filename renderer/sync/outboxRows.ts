import type { DeskDb } from '../db/deskDb';
import type { OutboxChange, OutboxRow } from './syncTables';

/** The outbox row for the changes of one write (caller's order kept). */
export function outboxRowOf(changes: readonly OutboxChange[]): OutboxRow {
  return { patronIds: [...new Set(changes.map((c) => c.patronId))], changes: [...changes], changeCount: changes.length };
}

/**
 * Rewrites outbox row `seq` to hold only `kept` of its changes, or removes it when none are
 * left. Runs inside the caller's rw transaction over the outbox.
 */
export async function keepChanges(db: DeskDb, seq: number, kept: readonly OutboxChange[]): Promise<void> {
  if (kept.length === 0) await db.outbox.delete(seq);
  else await db.outbox.put({ ...outboxRowOf(kept), seq });
}

/**
 * How many changes wait to be pushed. Rows hold whole writes, so this adds up their counts,
 * read from the changeCount index's keys (a key cursor: no row is read).
 */
export async function pendingChanges(db: DeskDb): Promise<number> {
  let n = 0;
  for (const count of await db.outbox.orderBy('changeCount').keys()) n += count as number;
  return n;
}

/** Every unsent change in the order it was made. */
export async function queuedChanges(db: DeskDb): Promise<OutboxChange[]> {
  return (await db.outbox.orderBy('seq').toArray()).flatMap((row) => row.changes);
}
