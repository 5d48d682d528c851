import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../app/deskContext';
import { arrangePatron, deskServices, rejectionOf, writeContextAt, writeContextOf, withoutSyncMeta } from '../test/renderDesk';
import { addRequest, deleteRequest, requestsOfPatron, restoreRequest } from './requestsRepo';
import type { WriteContext } from './writeContext';

let services: DeskServices;
let ctx: WriteContext;
let patronId: string;

beforeEach(async () => {
  services = await deskServices();
  ctx = writeContextOf(services);
  patronId = (await arrangePatron(services)).id;
});

describe('requests', () => {
  it('stores a request with its day and stamp', async () => {
    const r = await addRequest(services.db, ctx, patronId, { resource: '  JSTOR trial ', requestedOn: '2026-11-02' });
    expect(withoutSyncMeta(await services.db.requests.get(r.id))).toEqual({
      id: r.id,
      patronId,
      branchId: 'local',
      resource: 'JSTOR trial',
      requestedOn: '2026-11-02',
      created: { staff: 'Anna', deskId: ctx.deskId, deskName: 'Front desk', at: services.now() },
    });
  });

  it('refuses a blank resource or a bad date, and a missing patron', async () => {
    const blank = await rejectionOf(addRequest(services.db, ctx, patronId, { resource: ' ', requestedOn: '2026-11-02' }));
    expect(blank.issues.map((i) => i.field)).toEqual(['resource']);
    const badDay = await rejectionOf(addRequest(services.db, ctx, patronId, { resource: 'Atlas', requestedOn: '2026-02-30' }));
    expect(badDay.issues.map((i) => i.field)).toEqual(['requestedOn']);
    const missing = await rejectionOf(addRequest(services.db, ctx, 'gone', { resource: 'Atlas', requestedOn: '2026-11-02' }));
    expect(missing.code).toBe('not-found');
    expect(await services.db.requests.count()).toBe(0);
  });

  it('lists newest day first, then most recently recorded first on the same day', async () => {
    await addRequest(services.db, ctx, patronId, { resource: 'Old atlas', requestedOn: '2026-01-05' });
    await addRequest(services.db, writeContextAt(services, -60_000), patronId, { resource: 'Earlier same day', requestedOn: '2026-11-02' });
    await addRequest(services.db, ctx, patronId, { resource: 'Later same day', requestedOn: '2026-11-02' });
    await addRequest(services.db, ctx, patronId, { resource: 'Newest', requestedOn: '2026-11-19' });
    const other = await arrangePatron(services, { firstName: 'Bea' });
    await addRequest(services.db, ctx, other.id, { resource: 'Not hers', requestedOn: '2026-11-20' });

    expect((await requestsOfPatron(services.db, patronId)).map((r) => r.resource)).toEqual([
      'Newest',
      'Later same day',
      'Earlier same day',
      'Old atlas',
    ]);
  });

  it('soft-deletes out of the list and restores into it', async () => {
    const keep = await addRequest(services.db, ctx, patronId, { resource: 'Atlas', requestedOn: '2026-11-01' });
    const gone = await addRequest(services.db, ctx, patronId, { resource: 'Globe', requestedOn: '2026-11-02' });
    await deleteRequest(services.db, ctx, gone.id);
    expect((await requestsOfPatron(services.db, patronId)).map((r) => r.id)).toEqual([keep.id]);
    expect((await services.db.requests.get(gone.id))?.deleted).toMatchObject({ staff: 'Anna' });

    await restoreRequest(services.db, gone.id);
    expect((await requestsOfPatron(services.db, patronId)).map((r) => r.id)).toEqual([gone.id, keep.id]);
    expect(await services.db.requests.get(gone.id)).not.toHaveProperty('deleted');
  });

  it('reports deleting or restoring a missing request as not-found', async () => {
    await expect(deleteRequest(services.db, ctx, 'gone')).rejects.toMatchObject({ code: 'not-found' });
    await expect(restoreRequest(services.db, 'gone')).rejects.toMatchObject({ code: 'not-found' });
  });
});
