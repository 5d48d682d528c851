import { beforeEach, describe, expect, it } from 'vitest';
import type { Patron } from '@shared/domain/patron';
import type { PatronRequest } from '@shared/domain/request';
import type { DeskServices } from '../app/deskContext';
import { arrangePatron, deskServices, rejectionOf, writeContextAt, writeContextOf } from '../test/renderDesk';
import { markArrived, openRequestsMatching } from './arrivalsRepo';
import { addFlag } from './patronsRepo';
import { addRequest, deleteRequest } from './requestsRepo';

let services: DeskServices;
let ada: Patron;
let bea: Patron;

beforeEach(async () => {
  services = await deskServices();
  ada = await arrangePatron(services, { phones: [{ label: 'mobile', number: '020 7946 0001' }] });
  bea = await arrangePatron(services, { firstName: 'Bea', lastName: 'Jones', emails: [{ label: 'personal', address: 'bea@example.org' }] });
});

const ask = (patron: Patron, resource: string, requestedOn = '2026-11-02') =>
  addRequest(services.db, writeContextOf(services), patron.id, { resource, requestedOn });

const summary = (groups: Awaited<ReturnType<typeof openRequestsMatching>>) =>
  groups.map((g) => ({ resource: g.resource, patrons: g.requests.map((r) => r.patronId).sort() }));

describe('openRequestsMatching', () => {
  it('groups open requests by resource, ignoring case and accents, most-asked first', async () => {
    await ask(ada, 'Le Petit Prince (audio)');
    await ask(ada, 'Le Petit Prince');
    await ask(bea, 'le petit prince');
    await ask(bea, 'Atlas of Remote Islands');

    const groups = await openRequestsMatching(services.db, '  PETIT prínce ');
    expect(summary(groups)).toEqual([
      { resource: 'Le Petit Prince', patrons: [ada.id, bea.id].sort() },
      { resource: 'Le Petit Prince (audio)', patrons: [ada.id] },
    ]);
  });

  it('finds accented titles from a plain keyboard, and substrings of identifiers', async () => {
    await ask(ada, 'Élan vital — Bergson');
    await ask(bea, 'ISBN 978-0-14-118776-1');
    expect(summary(await openRequestsMatching(services.db, 'elan'))).toEqual([{ resource: 'Élan vital — Bergson', patrons: [ada.id] }]);
    expect(summary(await openRequestsMatching(services.db, '118776'))).toEqual([{ resource: 'ISBN 978-0-14-118776-1', patrons: [bea.id] }]);
  });

  it('leaves out deleted requests, requests already notified, and answers nothing to a blank query', async () => {
    const deleted = await ask(ada, 'Jazz on vinyl');
    await deleteRequest(services.db, writeContextOf(services), deleted.id);
    const told = await ask(bea, 'Jazz on vinyl');
    await services.db.requests.update(told.id, { notified: { staff: 'Anna', deskId: 'd', at: services.now() } });
    expect(await openRequestsMatching(services.db, 'jazz')).toEqual([]);
    expect(await openRequestsMatching(services.db, '   ')).toEqual([]);
  });
});

describe('markArrived', () => {
  const arrival = (request: PatronRequest, channel: string, overrides: Record<string, unknown> = {}) => ({
    request,
    input: {
      patronId: request.patronId, reason: 'Tell them it has arrived', dueAt: services.now() + 900_000, channel, assignee: { kind: 'queue' },
      source: { kind: 'request', requestId: request.id, resource: request.resource }, message: 'It has arrived', ...overrides,
    },
  });

  it('creates one follow-up per request and marks every request notified', async () => {
    const r1 = await ask(ada, 'Le Petit Prince');
    const r2 = await ask(bea, 'Le Petit Prince');
    const ctx = writeContextAt(services, 60_000);
    expect(await markArrived(services.db, ctx, [arrival(r1, 'phone'), arrival(r2, 'email')])).toBe(2);

    const followUps = await services.db.followUps.toArray();
    expect(followUps.map((f) => [f.patronId, f.channel, f.source]).sort()).toEqual([
      [ada.id, 'phone', { kind: 'request', requestId: r1.id, resource: 'Le Petit Prince' }],
      [bea.id, 'email', { kind: 'request', requestId: r2.id, resource: 'Le Petit Prince' }],
    ].sort());
    for (const r of [r1, r2]) expect((await services.db.requests.get(r.id))?.notified).toEqual({ staff: 'Anna', deskId: ctx.deskId, deskName: 'Front desk', at: services.now() + 60_000 });
    expect(await openRequestsMatching(services.db, 'petit')).toEqual([]);
  });

  it('notifies nobody when one of the follow-ups cannot be created', async () => {
    await addFlag(services.db, writeContextOf(services), bea.id, { kind: 'never-email', reason: 'Shared inbox' });
    const r1 = await ask(ada, 'Le Petit Prince');
    const r2 = await ask(bea, 'Le Petit Prince');

    const err = await rejectionOf(markArrived(services.db, writeContextOf(services), [arrival(r1, 'phone'), arrival(r2, 'email')]));
    expect(err.issues.map((i) => i.field)).toEqual(['1.overrideReason']);
    expect(await services.db.followUps.count()).toBe(0);
    expect(await services.db.followUpEvents.count()).toBe(0);
    for (const r of [r1, r2]) expect(await services.db.requests.get(r.id)).not.toHaveProperty('notified');
    expect(summary(await openRequestsMatching(services.db, 'petit'))).toEqual([{ resource: 'Le Petit Prince', patrons: [ada.id, bea.id].sort() }]);
  });
});
