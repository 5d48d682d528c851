import { describe, expect, it } from 'vitest';
import { addNote } from '../db/notesRepo';
import { arrangePatron, deskServices, writeContextOf } from '../test/renderDesk';
import { adoptLocalRecords } from './adoptLocalRecords';
import { pendingChanges, queuedChanges } from './outboxRows';

describe('adoptLocalRecords', () => {
  it('moves records of the local branch into the joined one and queues each whole', async () => {
    const services = await deskServices();
    const a = await arrangePatron(services, { firstName: 'Ada' });
    const b = await arrangePatron(services, { firstName: 'Bea' });
    await addNote(services.db, writeContextOf(services), a.id, { body: 'Phone her' });
    expect((await queuedChanges(services.db)).every((c) => c.mutation.branchId === 'local')).toBe(true);

    const moved = await adoptLocalRecords(services.db, 'branch-main');
    expect(moved).toBe(3);
    expect((await services.db.patrons.toArray()).map((p) => p.branchId)).toEqual(['branch-main', 'branch-main']);
    expect((await services.db.notes.toArray())[0]?.branchId).toBe('branch-main');
    const queued = (await queuedChanges(services.db)).map((c) => c.mutation);
    expect(queued.every((m) => m.branchId === 'branch-main')).toBe(true);
    expect(queued.map((m) => m.recordId).sort()).toEqual([a.id, b.id, (await services.db.notes.toArray())[0]!.id].sort());
    const patronEdit = queued.find((m) => m.recordId === a.id);
    expect(patronEdit?.kind === 'edit' && patronEdit.fields).toMatchObject({ firstName: 'Ada', branchId: 'branch-main' });
    // Done once: running again moves nothing and queues nothing more.
    expect(await adoptLocalRecords(services.db, 'branch-main')).toBe(0);
    expect(await pendingChanges(services.db)).toBe(3);
  });
});
