import { subMonths } from 'date-fns';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PatronDetailsInput } from '@shared/domain/patron';
import type { DeskServices } from '../app/deskContext';
import { arrangePatron, deskServices, patronDetails, writeContextAt, writeContextOf } from '../test/renderDesk';
import { findPatronsNotSeen, patronsInOrder } from './notSeenRepo';
import { addNote } from './notesRepo';
import { addFlag, clearFlag, createPatron } from './patronsRepo';

const DAY = 86_400_000;
let services: DeskServices;

beforeEach(async () => {
  services = await deskServices();
});

/** A patron first recorded `msAgo` before the desk clock (their last contact, until something else happens). */
const recordedAgo = (msAgo: number, firstName: string, overrides: Partial<PatronDetailsInput> = {}) =>
  createPatron(services.db, writeContextAt(services, -msAgo), patronDetails({ firstName, ...overrides }));

const search = (months: number, pageSize = 200) => findPatronsNotSeen(services.db, months, services.now(), pageSize);
/** Every qualifying patron's first name, in order, read through the ids (what paging and "create" use). */
const names = async (months: number) => (await patronsInOrder(services.db, await search(months).ids)).map((p) => p.firstName);

describe('findPatronsNotSeen', () => {
  it('lists patrons with no contact for N months, oldest contact first, and not the recent ones', async () => {
    await recordedAgo(400 * DAY, 'Older');
    await recordedAgo(20 * DAY, 'Recent');
    await recordedAgo(500 * DAY, 'Oldest');
    await arrangePatron(services, { firstName: 'Today' });
    expect(await names(12)).toEqual(['Oldest', 'Older']);
    expect(await names(15)).toEqual(['Oldest']);
    expect(await names(24)).toEqual([]);
  });

  it('counts a note as contact', async () => {
    const old = await recordedAgo(400 * DAY, 'Noted');
    await recordedAgo(400 * DAY, 'Silent');
    await addNote(services.db, writeContextAt(services, -30 * DAY), old.id, { body: 'Phoned about the atlas' });
    expect(await names(12)).toEqual(['Silent']);
  });

  it('leaves out patrons with an active do-not-contact flag, but not a cleared or expired one', async () => {
    const dnc = await recordedAgo(400 * DAY, 'DoNotContact');
    await addFlag(services.db, writeContextOf(services), dnc.id, { kind: 'do-not-contact', reason: 'Asked us to stop' });
    const cleared = await recordedAgo(401 * DAY, 'Cleared');
    const flagged = await addFlag(services.db, writeContextOf(services), cleared.id, { kind: 'do-not-contact', reason: 'Until they moved' });
    await clearFlag(services.db, writeContextOf(services), cleared.id, flagged.flags[0]!.id);
    const expired = await recordedAgo(402 * DAY, 'Expired');
    await addFlag(services.db, writeContextOf(services), expired.id, { kind: 'do-not-contact', reason: 'For a while', expiresOn: '2026-01-31' });
    const neverEmail = await recordedAgo(403 * DAY, 'NeverEmail');
    await addFlag(services.db, writeContextOf(services), neverEmail.id, { kind: 'never-email', reason: 'Shared inbox' });

    expect(await names(12)).toEqual(['NeverEmail', 'Expired', 'Cleared']);
    expect((await search(12).firstPage).map((p) => p.firstName)).toEqual(['NeverEmail', 'Expired', 'Cleared']);
  });

  it('counts "older than N months" from the calendar: exactly N months ago is not yet missed', async () => {
    const cutoff = subMonths(services.now(), 6).getTime();
    await recordedAgo(services.now() - cutoff, 'AtCutoff');
    await recordedAgo(services.now() - cutoff - 1, 'JustInside'); // 1 ms after the cutoff
    await recordedAgo(services.now() - cutoff + 1, 'JustOver'); // 1 ms before it
    expect(await names(6)).toEqual(['JustOver']);
  });
});

describe('findPatronsNotSeen, first page', () => {
  it('is the start of the ids, page-sized, with do-not-contact patrons left out even when they are the oldest', async () => {
    for (const [i, name] of ['Dnc1', 'Dnc2', 'A', 'B', 'C'].entries()) {
      const p = await recordedAgo((900 - i) * DAY, name);
      if (name.startsWith('Dnc')) await addFlag(services.db, writeContextOf(services), p.id, { kind: 'do-not-contact', reason: 'Asked us to stop' });
    }
    const found = search(12, 2);
    const first = await found.firstPage;
    expect(first.map((p) => p.firstName)).toEqual(['A', 'B']);
    const ids = await found.ids;
    expect(ids).toHaveLength(3);
    expect(ids.slice(0, 2)).toEqual(first.map((p) => p.id));
  });

  it('is empty when nobody qualifies', async () => {
    await recordedAgo(10 * DAY, 'Recent');
    const found = search(12);
    expect(await found.firstPage).toEqual([]);
    expect(await found.ids).toEqual([]);
  });
});

describe('patronsInOrder', () => {
  it('reads rows in the order asked, leaving out ids no longer on the desk', async () => {
    const a = await recordedAgo(400 * DAY, 'A');
    const b = await recordedAgo(400 * DAY, 'B');
    expect((await patronsInOrder(services.db, [b.id, 'erased', a.id])).map((p) => p.firstName)).toEqual(['B', 'A']);
  });
});
