import Dexie, { liveQuery } from 'dexie';
import { EMPTY_PATRON_DETAILS } from '../../shared/domain/patron';
import { DeskDb } from '../../renderer/db/deskDb';
import { ensureDesk } from '../../renderer/db/deskMeta';
import { addNote } from '../../renderer/db/notesRepo';
import { createPatron } from '../../renderer/db/patronsRepo';
import type { WriteContext } from '../../renderer/db/writeContext';
import { httpTransport } from '../../renderer/sync/httpTransport';
import { startLiveStream } from '../../renderer/sync/liveStream';
import { SyncEngine } from '../../renderer/sync/syncEngine';

/**
 * Issue 4's desk-to-desk latency, in one page: two desks, each its own replica (DeskDb), sync
 * engine and live stream, wired as the app's useSync wires them (a push when the outbox
 * grows, a pull on every poke). A note written at desk A is timed from the start of its
 * write until desk B's replica holds it.
 */
interface Desk {
  db: DeskDb;
  ctx: WriteContext;
  stop: () => void;
}
let desks: [Desk, Desk] | undefined;
let patronId: string | undefined;

async function openDesk(name: string, token: string, branchId: string): Promise<Desk> {
  await Dexie.delete(name);
  const db = new DeskDb(name);
  await db.open();
  const identity = await ensureDesk(db);
  const connection = { baseUrl: '', deskId: identity.id, token: () => token };
  const engine = new SyncEngine({ db, transport: httpTransport(connection) });
  let lastCount = Number.POSITIVE_INFINITY;
  const outbox = liveQuery(() => db.outbox.count()).subscribe((count) => {
    if (count > lastCount) engine.trigger();
    lastCount = count;
  });
  engine.start();
  const stopStream = startLiveStream({ ...connection, onPoke: () => engine.trigger(0) });
  const ctx: WriteContext = { staff: name, deskId: identity.id, deskName: name, branchId, now: Date.now };
  return { db, ctx, stop: () => (engine.stop(), stopStream(), outbox.unsubscribe(), db.close()) };
}

/** Resolves with performance.now() when `read` first gives a value. */
function whenPresent<T>(read: () => Promise<T | undefined>): Promise<number> {
  return new Promise((resolve, reject) => {
    const sub = liveQuery(read).subscribe({
      next: (v) => {
        if (v === undefined) return;
        const at = performance.now();
        queueMicrotask(() => sub.unsubscribe());
        resolve(at);
      },
      error: reject,
    });
  });
}

export async function startDesks(tokenA: string, tokenB: string, branchId: string): Promise<void> {
  desks = [await openDesk('desk-bench-latency-a', tokenA, branchId), await openDesk('desk-bench-latency-b', tokenB, branchId)];
  const [a, b] = desks;
  const patron = await createPatron(a.db, a.ctx, { ...EMPTY_PATRON_DETAILS, firstName: 'Latency', lastName: 'Probe' });
  await whenPresent(() => b.db.patrons.get(patron.id));
  patronId = patron.id;
}

/** One sample: ms from the start of a note's write at desk A until desk B holds it. */
export async function noteLatency(body: string): Promise<number> {
  if (!desks || !patronId) throw new Error('startDesks first');
  const [a, b] = desks;
  const t0 = performance.now();
  const note = await addNote(a.db, a.ctx, patronId, { body });
  return (await whenPresent(() => b.db.notes.get(note.id))) - t0;
}

export function stopDesks(): void {
  for (const d of desks ?? []) d.stop();
  desks = undefined;
}
