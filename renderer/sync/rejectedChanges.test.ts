import { describe, expect, it } from 'vitest';
import { updatePatronDetails } from '../db/patronsRepo';
import { arrangePatron, deskServices, patronDetails, writeContextOf } from '../test/renderDesk';
import { nextBatch, settleBatch } from './outboxQueue';
import { queuedChanges } from './outboxRows';
import { discardRejected, resendRejected } from './rejectedChanges';
import { clocksOf } from './rowClocks';

async function refuseAll(db: Awaited<ReturnType<typeof deskServices>>['db']) {
  const batch = await nextBatch(db);
  await settleBatch(db, batch, { serverTime: 0, results: batch.map((r) => ({ mutationId: r.mutation.id, status: 'rejected' as const, code: 'invalid' as const, reason: 'No' })) }, 0);
  return batch;
}

describe('refused changes', () => {
  it('discarding a refused creation removes the record here and asks for a full pull', async () => {
    const s = await deskServices();
    const p = await arrangePatron(s);
    await s.db.syncState.put({ key: 'cursor', value: 'e:5' });
    const [row] = await refuseAll(s.db);
    await discardRejected(s.db, row!.mutation.id);
    expect(await s.db.patrons.get(p.id)).toBeUndefined();
    expect(await s.db.syncRejected.count()).toBe(0);
    expect(await s.db.syncState.get('cursor')).toBeUndefined();
  });

  it('discarding a refused edit drops only its fields\' clocks, so the server\'s values win the next pull', async () => {
    const s = await deskServices();
    const p = await arrangePatron(s, { lastName: 'Server' });
    await s.db.outbox.clear();
    await updatePatronDetails(s.db, writeContextOf(s), p.id, patronDetails({ lastName: 'Refused' }));
    const [row] = await refuseAll(s.db);
    await discardRejected(s.db, row!.mutation.id);
    const stored = clocksOf(await s.db.patrons.get(p.id));
    expect(stored.lastName).toBeUndefined();
    expect(stored.firstName).toBeDefined();
  });

  it('sending again queues the whole record with a later stamp', async () => {
    const s = await deskServices();
    const p = await arrangePatron(s);
    const [row] = await refuseAll(s.db);
    await resendRejected(s.db, row!.mutation.id);
    const [queued] = await queuedChanges(s.db);
    expect(queued?.mutation.recordId).toBe(p.id);
    expect(queued?.mutation.kind === 'edit' && queued.mutation.fields).toMatchObject({ firstName: p.firstName, branchId: p.branchId });
    expect(queued!.mutation.hlc > row!.mutation.hlc).toBe(true);
    expect(await s.db.syncRejected.count()).toBe(0);
  });
});
