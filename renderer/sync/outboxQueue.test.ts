import { describe, expect, it, vi } from 'vitest';
import { MAX_BATCH_MUTATIONS, type PushResponse } from '@shared/sync/protocol';
import { createFollowUps } from '../db/followUpsRepo';
import { arrangePatron, deskServices, writeContextOf } from '../test/renderDesk';
import { eraseLocally } from './eraseLocally';
import { nextBatch, settleBatch, type QueuedChange } from './outboxQueue';
import { pendingChanges, queuedChanges } from './outboxRows';

const applied = (batch: readonly QueuedChange[]): PushResponse => ({
  serverTime: 0,
  results: batch.map((c, i) => ({ mutationId: c.mutation.id, status: 'applied' as const, seq: i + 1 })),
});

/** A desk with two patrons and two writes of `n` follow-ups each over them (two campaigns: two outbox rows of n changes). */
async function campaignDesk(n: number) {
  const s = await deskServices();
  const ada = await arrangePatron(s, { firstName: 'Ada' });
  const bea = await arrangePatron(s, { firstName: 'Bea' });
  await s.db.outbox.clear();
  const inputs = Array.from({ length: n }, (_, i) => ({
    patronId: i % 2 === 0 ? ada.id : bea.id, reason: `Call ${i}`, dueAt: s.now() + 60_000, channel: 'phone', assignee: { kind: 'queue' },
  }));
  await createFollowUps(s.db, writeContextOf(s), inputs);
  await createFollowUps(s.db, writeContextOf(s), inputs);
  return { s, ada, bea };
}

describe('the outbox', () => {
  it('queues a write of many records as one row, about each of its patrons once', async () => {
    const { s, ada, bea } = await campaignDesk(6);
    const rows = await s.db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => [r.patronIds, r.changes.map((c) => c.mutation.entity)])).toEqual([
      [[ada.id, bea.id], Array(6).fill('followUp')],
      [[ada.id, bea.id], Array(6).fill('followUp')],
    ]);
    expect(await pendingChanges(s.db)).toBe(12);
  });

  it('sends a large write over several batches, in order, and settles only what was answered', async () => {
    const { s } = await campaignDesk(600);
    const all = (await queuedChanges(s.db)).map((c) => c.mutation.id);
    const sent: string[] = [];
    for (let round = 0; round < 5; round++) {
      const batch = await nextBatch(s.db);
      if (batch.length === 0) break;
      expect(batch.length).toBeLessThanOrEqual(MAX_BATCH_MUTATIONS);
      // What is left is exactly what was not sent yet, still in order.
      expect((await queuedChanges(s.db)).map((c) => c.mutation.id)).toEqual(all.slice(sent.length));
      sent.push(...batch.map((c) => c.mutation.id));
      await settleBatch(s.db, batch, applied(batch), 0);
    }
    expect(sent).toEqual(all);
    expect(await s.db.outbox.count()).toBe(0);
  });

  it('keeps unanswered changes of a row queued, and a refused one leaves with its reason', async () => {
    const { s } = await campaignDesk(3);
    const batch = await nextBatch(s.db);
    const [first, second] = batch;
    const settled = await settleBatch(s.db, batch, {
      serverTime: 0,
      results: [
        { mutationId: first!.mutation.id, status: 'applied', seq: 1 },
        { mutationId: second!.mutation.id, status: 'rejected', code: 'invalid', reason: 'No such patron' },
      ],
    }, 0);
    expect(settled).toEqual({ accepted: 1, rejected: 1, restamped: 0 });
    expect((await queuedChanges(s.db)).map((c) => c.mutation.id)).toEqual(batch.slice(2).map((c) => c.mutation.id));
    expect((await s.db.syncRejected.toArray()).map((r) => [r.mutationId, r.patronId, r.reason])).toEqual([[second!.mutation.id, second!.patronId, 'No such patron']]);
  });

  it('erasing a patron drops their unsent changes from a shared write and keeps the others\'', async () => {
    const { s, ada, bea } = await campaignDesk(4);
    await s.db.transaction('rw', [s.db.patrons, s.db.notes, s.db.requests, s.db.followUps, s.db.followUpEvents, s.db.outbox, s.db.syncRejected, s.db.syncState], () => eraseLocally(s.db, ada.id));
    const left = await queuedChanges(s.db);
    expect(left).toHaveLength(4);
    expect(left.every((c) => c.patronId === bea.id)).toBe(true);
    expect((await s.db.outbox.toArray()).map((r) => r.patronIds)).toEqual([[bea.id], [bea.id]]);
  });

  it('does not bring back a change erased while its batch was on the way', async () => {
    const { s, ada, bea } = await campaignDesk(2);
    const batch = await nextBatch(s.db);
    await s.db.transaction('rw', [s.db.patrons, s.db.notes, s.db.requests, s.db.followUps, s.db.followUpEvents, s.db.outbox, s.db.syncRejected, s.db.syncState], () => eraseLocally(s.db, ada.id));
    const saves = vi.spyOn(s.db.syncState, 'put');
    const settled = await settleBatch(s.db, batch, {
      serverTime: 0,
      results: batch.map((c) => ({ mutationId: c.mutation.id, status: 'rejected' as const, code: 'clock-ahead' as const, reason: 'Ahead' })),
    }, 0);
    expect(settled.restamped).toBe(2);
    expect(saves).toHaveBeenCalledTimes(1);
    const left = await queuedChanges(s.db);
    expect(left.map((c) => c.patronId)).toEqual([bea.id, bea.id]);
    // One clock for the whole batch: each change a later stamp than the last, every one after
    // what it had, and the last one saved, so the desk's next stamp comes after them all.
    const hlcs = left.map((c) => c.mutation.hlc);
    const before = new Map(batch.map((c) => [c.mutation.id, c.mutation.hlc]));
    expect(left.every((c) => c.mutation.hlc > before.get(c.mutation.id)!)).toBe(true);
    expect(hlcs[1]! > hlcs[0]!).toBe(true);
    expect((await s.db.syncState.get('hlc'))?.value).toBe(hlcs[1]);
  });
});
