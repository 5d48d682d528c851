import { subMonths } from 'date-fns';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PatronDetailsInput } from '@shared/domain/patron';
import type { DeskServices } from '../app/deskContext';
import { arrangePatron, deskServices, patronDetails, writeContextAt, writeContextOf } from '../test/renderDesk';
import { createCampaign, patronsInOrder, patronsNotSeenFor } from './campaignsRepo';
import { addNote } from './notesRepo';
import { addFlag, clearFlag, createPatron, setContactPreferences } from './patronsRepo';

const DAY = 86_400_000;
let services: DeskServices;

beforeEach(async () => {
  services = await deskServices();
});

/** A patron first recorded `msAgo` before the desk clock (their last contact, until something else happens). */
const recordedAgo = (msAgo: number, firstName: string, overrides: Partial<PatronDetailsInput> = {}) =>
  createPatron(services.db, writeContextAt(services, -msAgo), patronDetails({ firstName, ...overrides }));

const names = async (months: number) =>
  (await patronsInOrder(services.db, await patronsNotSeenFor(services.db, months, services.now()))).map((p) => p.firstName);

describe('patronsNotSeenFor', () => {
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
  });

  it('counts "older than N months" from the calendar: exactly N months ago is not yet missed', async () => {
    const cutoff = subMonths(services.now(), 6).getTime();
    await recordedAgo(services.now() - cutoff, 'AtCutoff');
    await recordedAgo(services.now() - cutoff - 1, 'JustInside'); // 1 ms after the cutoff
    await recordedAgo(services.now() - cutoff + 1, 'JustOver'); // 1 ms before it
    expect(await names(6)).toEqual(['JustOver']);
  });
});

describe('patronsInOrder', () => {
  it('reads rows in the order asked, leaving out ids no longer on the desk', async () => {
    const a = await recordedAgo(400 * DAY, 'A');
    const b = await recordedAgo(400 * DAY, 'B');
    expect((await patronsInOrder(services.db, [b.id, 'erased', a.id])).map((p) => p.firstName)).toEqual(['B', 'A']);
  });
});

describe('createCampaign', () => {
  const campaign = (patronIds: string[], name = 'We miss you — Nov 2026') => ({ name, dueAt: services.now() + DAY, message: 'Hello again', patronIds });

  it('creates one follow-up per patron through their default channel, in the desk queue, under one campaign', async () => {
    const phone = await recordedAgo(400 * DAY, 'Phone', { phones: [{ label: 'mobile', number: '020 7946 0001' }] });
    const email = await recordedAgo(400 * DAY, 'Email', { emails: [{ label: 'personal', address: 'e@example.org' }] });
    await setContactPreferences(services.db, writeContextOf(services), email.id, { channels: ['email'], bestTimes: [], note: '' });

    const result = await createCampaign(services.db, writeContextOf(services), campaign([phone.id, email.id]));
    expect(result).toEqual({ created: 2, skipped: { doNotContact: 0, noAllowedChannel: 0, gone: 0 } });
    const rows = await services.db.followUps.toArray();
    expect(Object.fromEntries(rows.map((f) => [f.patronId, f.channel]))).toEqual({ [phone.id]: 'phone', [email.id]: 'email' });
    expect(new Set(rows.map((f) => JSON.stringify(f.source)))).toEqual(new Set([JSON.stringify(rows[0]!.source)]));
    expect(rows[0]).toMatchObject({ reason: 'We miss you — Nov 2026', message: 'Hello again', assignee: { kind: 'queue' }, source: { kind: 'campaign', name: 'We miss you — Nov 2026' } });
    expect((await services.db.followUpEvents.toArray()).map((e) => e.type)).toEqual(['created', 'created']);
  });

  it('skips, and counts, patrons flagged or erased after the list was made', async () => {
    const ctx = writeContextOf(services);
    const ok = await recordedAgo(400 * DAY, 'Ok', { phones: [{ label: 'mobile', number: '020 7946 0001' }] });
    const dnc = await recordedAgo(400 * DAY, 'Dnc', { phones: [{ label: 'mobile', number: '020 7946 0002' }] });
    const emailOnly = await recordedAgo(400 * DAY, 'EmailOnly', { emails: [{ label: 'personal', address: 'x@example.org' }] });
    const listed = await patronsNotSeenFor(services.db, 12, services.now());
    expect(listed).toHaveLength(3);

    await addFlag(services.db, ctx, dnc.id, { kind: 'do-not-contact', reason: 'Asked us to stop' });
    // Prefers email, and is now flagged never-email: no channel is left to default to.
    await setContactPreferences(services.db, ctx, emailOnly.id, { channels: ['email'], bestTimes: [], note: '' });
    await addFlag(services.db, ctx, emailOnly.id, { kind: 'never-email', reason: 'Shared inbox' });
    const result = await createCampaign(services.db, ctx, campaign([...listed, 'erased-since']));

    expect(result).toEqual({ created: 1, skipped: { doNotContact: 1, noAllowedChannel: 1, gone: 1 } });
    expect((await services.db.followUps.toArray()).map((f) => f.patronId)).toEqual([ok.id]);
  });

  it('stores nothing when the campaign is invalid (one transaction)', async () => {
    const a = await recordedAgo(400 * DAY, 'A');
    await expect(createCampaign(services.db, writeContextOf(services), campaign([a.id], '   '))).rejects.toMatchObject({ code: 'validation' });
    expect(await services.db.followUps.count()).toBe(0);
    expect(await services.db.followUpEvents.count()).toBe(0);
  });
});
