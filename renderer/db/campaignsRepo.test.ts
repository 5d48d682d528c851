import { beforeEach, describe, expect, it } from 'vitest';
import type { PatronDetailsInput } from '@shared/domain/patron';
import type { DeskServices } from '../app/deskContext';
import { deskServices, patronDetails, writeContextAt, writeContextOf } from '../test/renderDesk';
import { createCampaign } from './campaignsRepo';
import { findPatronsNotSeen } from './notSeenRepo';
import { addFlag, createPatron, setContactPreferences } from './patronsRepo';

const DAY = 86_400_000;
let services: DeskServices;

beforeEach(async () => {
  services = await deskServices();
});

/** A patron first recorded `msAgo` before the desk clock (their last contact, until something else happens). */
const recordedAgo = (msAgo: number, firstName: string, overrides: Partial<PatronDetailsInput> = {}) =>
  createPatron(services.db, writeContextAt(services, -msAgo), patronDetails({ firstName, ...overrides }));

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
    // Each follow-up is one record and its own "created" log entry.
    expect(await services.db.followUpEvents.count()).toBe(0);
  });

  it('skips, and counts, patrons flagged or erased after the list was made', async () => {
    const ctx = writeContextOf(services);
    const ok = await recordedAgo(400 * DAY, 'Ok', { phones: [{ label: 'mobile', number: '020 7946 0001' }] });
    const dnc = await recordedAgo(400 * DAY, 'Dnc', { phones: [{ label: 'mobile', number: '020 7946 0002' }] });
    const emailOnly = await recordedAgo(400 * DAY, 'EmailOnly', { emails: [{ label: 'personal', address: 'x@example.org' }] });
    const listed = await findPatronsNotSeen(services.db, 12, services.now(), 200).ids;
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
