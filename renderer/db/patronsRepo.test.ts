import { beforeEach, describe, expect, it } from 'vitest';
import { currentStage } from '@shared/domain/stages';
import type { DeskServices } from '../app/deskContext';
import { arrangePatron, deskServices, patronDetails, rejectionOf, writeContextAt, writeContextOf } from '../test/renderDesk';
import { saveLadder } from './deskMeta';
import { searchPatrons } from './patronSearch';
import {
  addFlag,
  addInterest,
  clearFlag,
  createPatron,
  findPatronByCard,
  setContactPreferences,
  setStage,
  updatePatronDetails,
} from './patronsRepo';
import type { WriteContext } from './writeContext';

let services: DeskServices;
let ctx: WriteContext;

beforeEach(async () => {
  services = await deskServices();
  ctx = writeContextOf(services);
});

describe('createPatron', () => {
  it('stores a valid patron stamped with who, which desk and when', async () => {
    const created = await createPatron(services.db, ctx, patronDetails({ cardNumber: 'ab 123', emails: [{ label: 'work', address: 'Ada@Example.org' }] }));
    const stored = await services.db.patrons.get(created.id);
    expect(stored).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', cardNumber: 'AB123', branchId: 'local' });
    expect(stored?.emails).toEqual([{ label: 'work', address: 'ada@example.org' }]);
    expect(stored?.created).toEqual({ staff: 'Anna', deskId: ctx.deskId, deskName: 'Front desk', at: services.now() });
    expect(stored?.flags).toEqual([]);
  });

  it('refuses an invalid email with a field issue and stores nothing at all', async () => {
    const err = await rejectionOf(
      createPatron(services.db, ctx, patronDetails({ cardNumber: 'C-100', emails: [{ label: 'personal', address: 'not-an-email' }] })),
    );
    expect(err.code).toBe('validation');
    expect(err.issues.map((i) => i.field)).toEqual(['emails.0.address']);
    expect(await services.db.patrons.count()).toBe(0);
  });

  it('refuses a card number another patron holds, naming the holder', async () => {
    await arrangePatron(services, { title: 'Prof.', cardNumber: 'CARD-1' });
    const err = await rejectionOf(createPatron(services.db, ctx, patronDetails({ firstName: 'Bea', lastName: 'Jones', cardNumber: 'card-1' })));
    expect(err.code).toBe('validation');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.field).toBe('cardNumber');
    expect(err.issues[0]?.message).toContain('Prof. Ada Lovelace');
    expect(await services.db.patrons.count()).toBe(1);
  });

  it('lets any number of patrons have no card', async () => {
    await arrangePatron(services);
    await arrangePatron(services, { firstName: 'Bea' });
    expect(await services.db.patrons.count()).toBe(2);
  });
});

describe('updatePatronDetails', () => {
  it('refuses another holder\'s card but accepts the patron\'s own', async () => {
    await arrangePatron(services, { firstName: 'Carl', lastName: 'Holder', cardNumber: 'X-900' });
    const bea = await arrangePatron(services, { firstName: 'Bea', lastName: 'Jones', cardNumber: 'B-200' });

    const err = await rejectionOf(updatePatronDetails(services.db, ctx, bea.id, patronDetails({ firstName: 'Bea', lastName: 'Jones', cardNumber: 'X-900' })));
    expect(err.issues[0]?.field).toBe('cardNumber');
    expect(err.issues[0]?.message).toContain('Carl Holder');
    expect((await services.db.patrons.get(bea.id))?.cardNumber).toBe('B-200');

    const saved = await updatePatronDetails(services.db, ctx, bea.id, patronDetails({ firstName: 'Beatrice', lastName: 'Jones', cardNumber: 'b-200' }));
    expect(saved.firstName).toBe('Beatrice');
    expect((await services.db.patrons.get(bea.id))?.cardNumber).toBe('B-200');
  });

  it('keeps flags, preferences, stage and interests and stamps the change', async () => {
    const ada = await arrangePatron(services);
    await addFlag(services.db, ctx, ada.id, { kind: 'large-print' });
    await setContactPreferences(services.db, ctx, ada.id, { channels: ['phone', 'letter'], bestTimes: [], note: 'Slow to the phone' });
    await setStage(services.db, ctx, ada.id, 'buyer');
    await addInterest(services.db, ctx, ada.id, 'Local History');
    const before = await services.db.patrons.get(ada.id);

    const later = writeContextAt(services, 60_000, 'Ben');
    await updatePatronDetails(services.db, later, ada.id, patronDetails({ firstName: 'Augusta', language: 'English' }));
    const after = await services.db.patrons.get(ada.id);
    expect(after?.firstName).toBe('Augusta');
    expect(after?.language).toBe('English');
    expect(after?.flags).toEqual(before?.flags);
    expect(after?.contact).toEqual({ channels: ['phone', 'letter'], bestTimes: [], note: 'Slow to the phone' });
    expect(after?.stageHistory).toEqual(before?.stageHistory);
    expect(after?.interests).toEqual(['local history']);
    expect(after?.updated).toMatchObject({ staff: 'Ben', at: services.now() + 60_000 });
    expect(after?.created).toEqual(before?.created);
  });

  it('rebuilds search terms on a rename: the new name is found, the old is not', async () => {
    const p = await arrangePatron(services, { firstName: 'Margaret', lastName: 'Hamilton' });
    await updatePatronDetails(services.db, ctx, p.id, patronDetails({ firstName: 'Grace', lastName: 'Hopper' }));
    expect((await searchPatrons(services.db, 'hopper')).map((x) => x.id)).toEqual([p.id]);
    expect(await searchPatrons(services.db, 'hamilton')).toEqual([]);
    expect(await searchPatrons(services.db, 'margaret')).toEqual([]);
  });

  it('reports a missing patron as not-found', async () => {
    const err = await rejectionOf(updatePatronDetails(services.db, ctx, 'no-such-id', patronDetails()));
    expect(err.code).toBe('not-found');
  });
});

describe('flags', () => {
  it('requires a reason for never-email and stores nothing without one', async () => {
    const p = await arrangePatron(services);
    const err = await rejectionOf(addFlag(services.db, ctx, p.id, { kind: 'never-email', reason: '  ' }));
    expect(err.code).toBe('validation');
    expect(err.issues[0]?.field).toBe('reason');
    expect((await services.db.patrons.get(p.id))?.flags).toEqual([]);

    await addFlag(services.db, ctx, p.id, { kind: 'never-email', reason: "Doesn't read it", source: 'the patron' });
    const [flag] = (await services.db.patrons.get(p.id))?.flags ?? [];
    expect(flag).toMatchObject({ kind: 'never-email', reason: "Doesn't read it", source: 'the patron', set: { staff: 'Anna' } });
  });

  it('keeps a cleared flag in history with who cleared it and when', async () => {
    const p = await arrangePatron(services);
    const flagged = await addFlag(services.db, ctx, p.id, { kind: 'do-not-contact', reason: 'Asked us to stop' });
    const flagId = flagged.flags[0]?.id ?? '';
    await clearFlag(services.db, writeContextAt(services, 5_000, 'Ben'), p.id, flagId);

    const flags = (await services.db.patrons.get(p.id))?.flags ?? [];
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ id: flagId, kind: 'do-not-contact', reason: 'Asked us to stop', set: { staff: 'Anna' } });
    expect(flags[0]?.cleared).toMatchObject({ staff: 'Ben', at: services.now() + 5_000 });

    const again = await rejectionOf(clearFlag(services.db, ctx, p.id, flagId));
    expect(again.code).toBe('not-found');
  });

  it('keeps the flag-kind index in step: a do-not-contact patron is found by it until the flag is cleared', async () => {
    const p = await arrangePatron(services);
    const dncIds = () => services.db.patrons.where('flagKinds').equals('do-not-contact').primaryKeys();
    expect(await dncIds()).toEqual([]);
    const flagged = await addFlag(services.db, ctx, p.id, { kind: 'do-not-contact', reason: 'Asked us to stop' });
    await addFlag(services.db, ctx, p.id, { kind: 'large-print' });
    expect(await dncIds()).toEqual([p.id]);
    await clearFlag(services.db, ctx, p.id, flagged.flags[0]!.id);
    expect(await dncIds()).toEqual([]);
    expect((await services.db.patrons.get(p.id))?.flagKinds).toEqual(['large-print']);
  });
});

describe('setStage', () => {
  it('appends to the history with a snapshot of the label', async () => {
    const p = await arrangePatron(services);
    await setStage(services.db, ctx, p.id, 'tryer');
    await setStage(services.db, writeContextAt(services, 1_000), p.id, 'advocate');
    await saveLadder(services.db, [{ id: 'tryer', label: 'Newcomer' }, { id: 'advocate', label: 'Champion' }]);

    const stored = await services.db.patrons.get(p.id);
    expect(stored?.stageHistory.map((h) => [h.stageId, h.label])).toEqual([['tryer', 'Tryer'], ['advocate', 'Advocate']]);
    expect(currentStage(stored?.stageHistory ?? [])?.stageId).toBe('advocate');
  });

  it('refuses a stage the ladder does not have', async () => {
    const p = await arrangePatron(services);
    const err = await rejectionOf(setStage(services.db, ctx, p.id, 'platinum'));
    expect(err.code).toBe('validation');
    expect(err.issues[0]?.field).toBe('stage');
    expect((await services.db.patrons.get(p.id))?.stageHistory).toEqual([]);
  });
});

describe('findPatronByCard', () => {
  it('finds the holder however the card is typed, and nothing for a blank', async () => {
    const p = await arrangePatron(services, { cardNumber: 'AB123' });
    expect((await findPatronByCard(services.db, ' ab 123 '))?.id).toBe(p.id);
    expect(await findPatronByCard(services.db, 'AB124')).toBeUndefined();
    expect(await findPatronByCard(services.db, '  ')).toBeUndefined();
  });
});
