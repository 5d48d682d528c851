import { beforeEach, describe, expect, it } from 'vitest';
import type { Patron } from '@shared/domain/patron';
import type { FollowUpEventBodyInput } from '@shared/followups/followUpEvents';
import { foldFollowUp, pendingDueAtOf } from '@shared/followups/foldFollowUp';
import type { DeskServices } from '../app/deskContext';
import { arrangeFollowUp, arrangePatron, deskServices, rejectionOf, writeContextAt, writeContextOf } from '../test/renderDesk';
import { createFollowUp, createFollowUps, followUpLogOfPatron, followUpsOfPatron, openFollowUpsDueBy, recordFollowUpEvent } from './followUpsRepo';
import { addNote } from './notesRepo';
import { addFlag, clearFlag } from './patronsRepo';

const HOUR = 3_600_000;
let services: DeskServices;
let patron: Patron;

beforeEach(async () => {
  services = await deskServices();
  patron = await arrangePatron(services, { phones: [{ label: 'home', number: '020 7946 0001' }], emails: [{ label: 'personal', address: 'ada@example.org' }] });
});

const input = (overrides: Record<string, unknown> = {}) => ({
  patronId: patron.id, reason: 'Book due back', dueAt: services.now() + HOUR, channel: 'phone', assignee: { kind: 'queue' }, ...overrides,
});
const stored = () => services.db.followUps.toArray();
const storedEvents = () => services.db.followUpEvents.toArray();

describe('createFollowUp', () => {
  it('stores the follow-up and its cached due time as one record, which is its own "created" log entry', async () => {
    const f = await createFollowUp(services.db, writeContextOf(services), input({ reason: '  Book due back ', message: 'Hello' }));
    expect(await services.db.followUps.get(f.id)).toMatchObject({
      patronId: patron.id, reason: 'Book due back', channel: 'phone', firstDueAt: services.now() + HOUR, pendingDueAt: services.now() + HOUR,
      assignee: { kind: 'queue' }, source: { kind: 'manual' }, message: 'Hello', created: { staff: 'Anna', at: services.now() },
    });
    expect(f).not.toHaveProperty('channelOverride');
    // One record per follow-up: the "created" entry is the follow-up itself, not a second record.
    expect(await storedEvents()).toEqual([]);
    const [logged] = await followUpsOfPatron(services.db, patron.id);
    expect(logged?.events).toEqual([{ id: f.id, followUpId: f.id, patronId: patron.id, branchId: f.branchId, stamp: f.created, type: 'created' }]);
  });

  it('refuses an empty reason, and a patron this desk does not have, storing nothing', async () => {
    const empty = await rejectionOf(createFollowUp(services.db, writeContextOf(services), input({ reason: '   ' })));
    expect(empty.code).toBe('validation');
    expect(empty.issues).toEqual([{ field: 'reason', message: 'Say why to get in touch' }]);

    const unknown = await rejectionOf(createFollowUp(services.db, writeContextOf(services), input({ patronId: 'no-such-patron' })));
    expect(unknown.issues).toEqual([{ field: 'patronId', message: 'This patron is not on this desk' }]);
    expect(await stored()).toEqual([]);
    expect(await storedEvents()).toEqual([]);
  });

  it('refuses a channel the patron\'s flags forbid until a reason is given, then records the override', async () => {
    await addFlag(services.db, writeContextOf(services), patron.id, { kind: 'never-email', reason: 'Shared inbox' });
    const refused = await rejectionOf(createFollowUp(services.db, writeContextOf(services), input({ channel: 'email' })));
    expect(refused.issues).toHaveLength(1);
    expect(refused.issues[0]?.field).toBe('overrideReason');
    expect(refused.issues[0]?.message).toContain('Never email (Shared inbox)');
    expect(await stored()).toEqual([]);

    // Phone is fine for a never-email patron: no reason needed, no override recorded.
    const phone = await createFollowUp(services.db, writeContextOf(services), input());
    expect(phone).not.toHaveProperty('channelOverride');

    const email = await createFollowUp(services.db, writeContextOf(services), input({ channel: 'email', overrideReason: 'She asked for the PDF' }));
    expect((await services.db.followUps.get(email.id))?.channelOverride).toEqual({ flagKinds: ['never-email'], reason: 'She asked for the PDF' });
  });

  it('lets email through again once the flag is cleared', async () => {
    const flagged = await addFlag(services.db, writeContextOf(services), patron.id, { kind: 'never-email', reason: 'Shared inbox' });
    await clearFlag(services.db, writeContextOf(services), patron.id, flagged.flags[0]!.id);
    const f = await createFollowUp(services.db, writeContextOf(services), input({ channel: 'email' }));
    expect(f).not.toHaveProperty('channelOverride');
  });
});

describe('createFollowUps', () => {
  it('stores all of them, each one record that logs as "created" once', async () => {
    const bea = await arrangePatron(services, { firstName: 'Bea' });
    const made = await createFollowUps(services.db, writeContextOf(services), [input(), input({ patronId: bea.id })]);
    expect(made.map((f) => f.patronId)).toEqual([patron.id, bea.id]);
    expect(await services.db.followUps.count()).toBe(2);
    expect(await storedEvents()).toEqual([]);
    const logs = [...(await followUpsOfPatron(services.db, patron.id)), ...(await followUpsOfPatron(services.db, bea.id))];
    expect(logs.map((l) => l.events.map((e) => e.type))).toEqual([['created'], ['created']]);
  });

  it('shows a "created" event stored by an earlier desk once, as the follow-up\'s own entry', async () => {
    const [f] = await createFollowUps(services.db, writeContextOf(services), [input()]);
    const legacy = { id: 'legacy-created', followUpId: f!.id, patronId: patron.id, branchId: f!.branchId, stamp: f!.created, type: 'created' as const };
    await services.db.followUpEvents.add(legacy);
    await recordFollowUpEvent(services.db, writeContextAt(services, 60_000), f!.id, { type: 'claimed' });
    const [logged] = await followUpsOfPatron(services.db, patron.id);
    expect(logged?.events.map((e) => [e.id, e.type])).toEqual([[f!.id, 'created'], [expect.any(String), 'claimed']]);
    expect((await followUpLogOfPatron(services.db, patron.id)).map((entry) => entry.event.type).sort()).toEqual(['claimed', 'created']);
  });

  it('stores nothing when one of them is invalid, and says which one', async () => {
    const bea = await arrangePatron(services, { firstName: 'Bea' });
    const ctx = writeContextOf(services);
    const emptyReason = await rejectionOf(createFollowUps(services.db, ctx, [input(), input({ patronId: bea.id, reason: '' }), input()]));
    expect(emptyReason.issues).toEqual([{ field: '1.reason', message: 'Say why to get in touch' }]);
    const unknownPatron = await rejectionOf(createFollowUps(services.db, ctx, [input(), input({ patronId: 'gone' })]));
    expect(unknownPatron.issues.map((i) => i.field)).toEqual(['1.patronId']);
    expect(await stored()).toEqual([]);
    expect(await storedEvents()).toEqual([]);
  });
});

describe('recordFollowUpEvent', () => {
  /** The row's cached due time must be exactly what the fold of its log says. */
  async function expectCacheMatchesFold(id: string) {
    const row = await services.db.followUps.get(id);
    const events = await services.db.followUpEvents.where('followUpId').equals(id).toArray();
    expect(row).toBeDefined();
    const state = foldFollowUp(row!, events);
    expect(row?.pendingDueAt).toBe(pendingDueAtOf(state));
    return { row: row!, state };
  }

  it('keeps pendingDueAt equal to the fold after every kind of event, and drops it when closed', async () => {
    const t = services.now();
    const f = await arrangeFollowUp(services, patron.id, { dueAt: t + HOUR });
    const steps: [FollowUpEventBodyInput, number | undefined][] = [
      [{ type: 'snoozed', until: t + 2 * HOUR }, t + 2 * HOUR],
      [{ type: 'attempted', outcome: 'no-answer', retryAt: t + 24 * HOUR }, t + 24 * HOUR],
      [{ type: 'claimed' }, t + 24 * HOUR],
      [{ type: 'done', outcome: 'reached' }, undefined],
      [{ type: 'snoozed', until: t + 48 * HOUR }, undefined], // no effect on a closed follow-up
      [{ type: 'reopened', dueAt: t + 30 * HOUR }, t + 30 * HOUR],
      [{ type: 'cancelled', reason: 'Moved away' }, undefined],
      [{ type: 'reopened' }, t + 8 * 60_000], // due when reopened (the 8th event)
    ];
    for (const [i, [body, expected]] of steps.entries()) {
      const result = await recordFollowUpEvent(services.db, writeContextAt(services, (i + 1) * 60_000), f.id, body);
      const { row, state } = await expectCacheMatchesFold(f.id);
      expect(row.pendingDueAt, `after ${body.type}`).toBe(expected);
      if (expected === undefined) expect(row).not.toHaveProperty('pendingDueAt');
      expect(result.state).toEqual(state);
    }
    expect((await storedEvents()).map((e) => e.type)).toEqual(steps.map(([b]) => b.type));
  });

  it('takes closed follow-ups out of the due index', async () => {
    const open = await arrangeFollowUp(services, patron.id, { reason: 'Still open' });
    const done = await arrangeFollowUp(services, patron.id, { reason: 'Done already' });
    await recordFollowUpEvent(services.db, writeContextOf(services), done.id, { type: 'done', outcome: 'emailed' });
    expect((await openFollowUpsDueBy(services.db, services.now() + HOUR)).map((i) => i.followUp.id)).toEqual([open.id]);
    expect((await followUpsOfPatron(services.db, patron.id)).map((i) => i.state.status).sort()).toEqual(['done', 'open']);
  });

  it('refuses an invalid event or an unknown follow-up and appends nothing', async () => {
    const f = await arrangeFollowUp(services, patron.id);
    const noReason = await rejectionOf(recordFollowUpEvent(services.db, writeContextOf(services), f.id, { type: 'cancelled', reason: ' ' }));
    expect(noReason.issues).toEqual([{ field: 'reason', message: 'Say why it is cancelled' }]);
    const missing = await rejectionOf(recordFollowUpEvent(services.db, writeContextOf(services), 'gone', { type: 'claimed' }));
    expect(missing.code).toBe('not-found');
    const again = await rejectionOf(recordFollowUpEvent(services.db, writeContextOf(services), f.id, { type: 'created' }));
    expect(again.issues).toEqual([{ field: 'type', message: 'A follow-up is created once, when it is made; it cannot be logged as created again' }]);
    expect(await storedEvents()).toEqual([]);
  });
});

describe('last contact', () => {
  const lastContact = async () => (await services.db.patrons.get(patron.id))?.lastContactAt;

  it('moves on outcomes that reached the patron, not on no answer or a wrong number', async () => {
    const f = await arrangeFollowUp(services, patron.id, { recurrence: { rule: 'FREQ=DAILY', label: 'Every day' } });
    const t = services.now();
    expect(await lastContact()).toBe(t);

    await recordFollowUpEvent(services.db, writeContextAt(services, HOUR), f.id, { type: 'attempted', outcome: 'no-answer' });
    await recordFollowUpEvent(services.db, writeContextAt(services, 2 * HOUR), f.id, { type: 'attempted', outcome: 'wrong-number' });
    expect(await lastContact()).toBe(t);

    await recordFollowUpEvent(services.db, writeContextAt(services, 3 * HOUR), f.id, { type: 'attempted', outcome: 'left-message' });
    expect(await lastContact()).toBe(t + 3 * HOUR);

    await recordFollowUpEvent(services.db, writeContextAt(services, 4 * HOUR), f.id, { type: 'done', outcome: 'reached' });
    expect(await lastContact()).toBe(t + 4 * HOUR);

    // An outcome stamped earlier (e.g. synced late from another desk) never moves it back.
    await recordFollowUpEvent(services.db, writeContextAt(services, HOUR), f.id, { type: 'done', outcome: 'emailed' });
    expect(await lastContact()).toBe(t + 4 * HOUR);
  });

  it('moves on a "done" with a contact outcome but not on a "done — no answer"', async () => {
    const a = await arrangeFollowUp(services, patron.id);
    await recordFollowUpEvent(services.db, writeContextAt(services, HOUR), a.id, { type: 'done', outcome: 'no-answer' });
    expect(await lastContact()).toBe(services.now());
    const b = await arrangeFollowUp(services, patron.id);
    await recordFollowUpEvent(services.db, writeContextAt(services, 2 * HOUR), b.id, { type: 'done', outcome: 'letter-sent' });
    expect(await lastContact()).toBe(services.now() + 2 * HOUR);
  });

  it('moves when a note is added', async () => {
    await addNote(services.db, writeContextAt(services, 5 * HOUR), patron.id, { body: 'Came in for the atlas' });
    expect(await lastContact()).toBe(services.now() + 5 * HOUR);
  });
});
