import { beforeEach, expect, it } from 'vitest';
import { patron, pushPatron } from '../test/logFixtures';
import { freshSyncDesk } from '../test/syncDesk';
import { describeEachDatabase } from '../test/testDatabases';
import { watchTransactions } from '../test/watchTransactions';
import { PushCommitter } from './pushCommitter';
import type { BatchOutcome, PushBatch } from './syncStore';
import type { StaffScope } from './storedRecord';

const statuses = (s: PromiseSettledResult<BatchOutcome>) => (s.status === 'fulfilled' ? s.value.results.map((r) => r.status) : 'failed');

/** What goes wrong in a push group, and what each push is answered then. */
describeEachDatabase('push group commit when things go wrong', (database) => {
  let desk: StaffScope;
  let branch: string;

  beforeEach(async () => {
    ({ branch, desk } = await freshSyncDesk(database));
  });

  const batchOf = (deskId: string, ...patronIds: string[]): PushBatch => ({ scope: desk, deskId, mutations: patronIds.map((id) => pushPatron(patron(id, branch))) });
  const storedIds = async () => (await database.db.query<{ id: string }>('SELECT id FROM sync_records ORDER BY id')).rows.map((r) => r.id);
  const burst = (committer: PushCommitter, batches: PushBatch[]) => Promise.allSettled(batches.map((b) => committer.push(b)));

  it('tries a group that fails again in halves, logging each failed group, so one bad batch costs the others a few transactions', async () => {
    const batches = [batchOf('d0', 'p0'), ...Array.from({ length: 8 }, (_, i) => batchOf(`d${i + 1}`, `q${i + 1}`))];
    const poisoned = batches[6]!.mutations[0]!.id;
    const watched = watchTransactions(database.db);
    watched.failWhen((ids) => ids.includes(poisoned));
    const warnings: Array<{ details: { batches: number; err: unknown }; message: string }> = [];
    const log = { warn: (details: object, message: string) => warnings.push({ details: details as never, message }) };
    const settled = await burst(new PushCommitter(watched.db, log), batches);

    expect(settled.map((s) => s.status)).toEqual([...Array(6).fill('fulfilled'), 'rejected', 'fulfilled', 'fulfilled']);
    // First alone; the group of 8 fails; its first half commits; the second half fails, and so on down to the bad batch.
    expect(watched.transactions.map((t) => t.length)).toEqual([1, 8, 4, 4, 2, 1, 1, 2]);
    expect(await storedIds()).toEqual(['p0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q7', 'q8']);
    expect(warnings.map((w) => w.details.batches)).toEqual([8, 4, 2]);
    expect(warnings.every((w) => String(w.details.err).includes('injected failure') && /failed/.test(w.message))).toBe(true);
  });

  it('answers a resend with upper-case mutation ids "duplicate", with the ids as sent', async () => {
    const upper = (b: PushBatch): PushBatch => ({ ...b, mutations: b.mutations.map((m) => ({ ...m, id: m.id.toUpperCase() })) });
    const first = upper(batchOf('du', 'u1', 'u2'));
    const committer = new PushCommitter(database.db);
    expect((await committer.push(first)).results.map((r) => [r.mutationId, r.status])).toEqual(first.mutations.map((m) => [m.id, 'applied']));

    const watched = watchTransactions(database.db);
    const again = { ...first, mutations: [first.mutations[0]!, { ...first.mutations[1]!, id: first.mutations[1]!.id.toLowerCase() }] };
    const settled = await burst(new PushCommitter(watched.db), [batchOf('d0', 'p0'), batchOf('d1', 'p1'), again]);
    expect(settled.map(statuses)).toEqual([['applied'], ['applied'], ['duplicate', 'duplicate']]);
    expect((settled[2] as PromiseFulfilledResult<BatchOutcome>).value.results.map((r) => r.mutationId)).toEqual(again.mutations.map((m) => m.id));
    // Answered in one group, not after a failed one.
    expect(watched.transactions).toHaveLength(2);
    expect((await database.db.query('SELECT id FROM sync_mutations')).rows).toHaveLength(4);
  });

  it('refuses a malformed batch on its own, leaving the pushes queued with it untouched', async () => {
    const committer = new PushCommitter(database.db);
    const malformed = { scope: desk, deskId: 'dx', mutations: null } as unknown as PushBatch;
    const settled = await burst(committer, [batchOf('d0', 'p0'), malformed, batchOf('d1', 'p1'), batchOf('d2', 'p2')]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(await storedIds()).toEqual(['p0', 'p1', 'p2']);
  });

  it('is idle once every push queued so far has committed', async () => {
    const committer = new PushCommitter(database.db);
    await committer.idle();
    for (const b of [batchOf('d0', 'p0'), batchOf('d1', 'p1'), batchOf('d2', 'p2')]) void committer.push(b);
    await committer.idle();
    expect(await storedIds()).toEqual(['p0', 'p1', 'p2']);
  });
});
