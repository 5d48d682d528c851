import type { LoginResponse } from '@shared/api/auth';
import { DeskDb } from '../../renderer/db/deskDb';
import { ensureDesk } from '../../renderer/db/deskMeta';
import { openDatabase, type DatabaseLocation } from '../../server/db/openDatabase';
import { TEST_PASSWORD } from '../../server/test/testApp';

/** Runs `fn` on the database while no server holds it (PGlite's folder admits one process). */
export async function withDatabase<T>(location: DatabaseLocation, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(location);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Logs a seeded staff member in over HTTP, as a desk does. */
export async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${res.status}`);
  return ((await res.json()) as LoginResponse).token;
}

export interface TestDesk {
  name: string;
  db: DeskDb;
  deskId: string;
}

/** A desk process: its Dexie database (reopened by name after a "crash"). */
/** One round of a kill test: the local writes queued for its sync, and which of its pushes is killed. */
export interface KillRound {
  what: string;
  /** Local writes queued for the round's sync. */
  write: (desk: TestDesk) => Promise<void>;
  /** The push (1-based, within the round's sync) whose transaction is killed. */
  killAtPush: number;
}

export async function openDesk(name: string): Promise<TestDesk> {
  const db = new DeskDb(name);
  const identity = await ensureDesk(db);
  return { name, db, deskId: identity.id };
}

/** Closes and deletes the desks' databases (fake-indexeddb lives as long as the worker). */
export async function discardDesks(desks: readonly TestDesk[]): Promise<void> {
  for (const d of desks) {
    d.db.close();
    await d.db.delete().catch(() => undefined);
  }
}

/** The ids of the changes still queued at a desk. */
export async function queuedMutationIds(desk: TestDesk): Promise<string[]> {
  return (await desk.db.outbox.toArray()).flatMap((r) => r.changes.map((c) => c.mutation.id));
}
