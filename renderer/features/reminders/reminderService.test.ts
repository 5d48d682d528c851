import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { Patron } from '@shared/domain/patron';
import { CLAIM_TTL_MS } from '@shared/followups/foldFollowUp';
import type { DeskHost, DeskNotification } from '@shared/host/deskHost';
import type { DeskServices } from '../../app/deskContext';
import { createFollowUps, recordFollowUpEvent } from '../../db/followUpsRepo';
import {
  arrangeFollowUp, arrangePatron, deskServices, DEXIE_SAFE_FAKE_TIMERS, fakeHost, settle, settleUntil, writeContextOf,
} from '../../test/renderDesk';
import { formatHlc } from '@shared/sync/hlc';
import type { PulledRecord } from '@shared/sync/protocol';
import { applyPulledPage } from '../../sync/applyPulled';
import { SUMMARY_NOTIFICATION_ID, type RaisedReminder } from './dueReminders';
import { MAX_TIMER_MS, ReminderService, WATCHDOG_MS } from './reminderService';
import { queuedChanges } from '../../sync/outboxRows';

/*
 * The service against a real DeskDb (fake-indexeddb) and a fake host, on a fake clock.
 * Only setTimeout, clearTimeout and Date are faked: see DEXIE_SAFE_FAKE_TIMERS for why
 * (faking setImmediate or queueMicrotask makes every IndexedDB request hang).
 */
const T0 = Date.parse('2026-11-20T10:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

let services: DeskServices;
let patron: Patron;
let host: DeskHost;
let me: string;
let running: ReminderService[];
let raised: RaisedReminder[];
let reconciles: number;

beforeEach(async () => {
  vi.useFakeTimers({ ...DEXIE_SAFE_FAKE_TIMERS, now: T0 });
  const base = await deskServices();
  // The desk clock is the fake one, so advancing timers moves "now" for the service and for writes.
  services = { ...base, now: () => Date.now() };
  patron = await arrangePatron(services, { title: 'Prof.', firstName: 'Yvonne', lastName: 'Young', phones: [{ label: 'mobile', number: '020 7946 0001' }] });
  host = fakeHost();
  me = 'Anna';
  running = [];
  raised = [];
  reconciles = 0;
});

afterEach(() => {
  for (const s of running) s.stop();
  vi.useRealTimers();
});

const notifyCalls = (h = host) => (h.notify as Mock<(n: DeskNotification) => Promise<void>>).mock.calls.map(([n]) => n);
/** Follow-ups whose popup was taken back (the service also clears its summary popup whenever nothing is due). */
const withdrawn = (h = host) => (h.withdrawNotification as Mock<(id: string) => Promise<void>>).mock.calls.map(([id]) => id).filter((id) => id !== SUMMARY_NOTIFICATION_ID);

/** Starts a service (as the app does at launch) and waits for its first look at the data. */
async function startService(h = host): Promise<ReminderService> {
  const service = new ReminderService({
    db: services.db, host: h, now: () => Date.now(), me: () => me,
    deskId: () => services.store.getState().desk?.id ?? '',
    onRaised: (r) => { raised = r; reconciles += 1; },
  });
  running.push(service);
  const before = reconciles;
  service.start();
  await settleUntil(() => reconciles > before && service.armedTimers === 1, 'the first check');
  return service;
}

/** Moves the fake clock and lets the service finish whatever the timer started. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

const dueIn = (ms: number, overrides = {}) => arrangeFollowUp(services, patron.id, { reason: 'Her book is due back', dueAt: Date.now() + ms, ...overrides });
const record = (id: string, body: Parameters<typeof recordFollowUpEvent>[3], ctx = writeContextOf(services)) => recordFollowUpEvent(services.db, ctx, id, body);

describe('ReminderService: when it raises', () => {
  it('raises a follow-up due in 1 s exactly once, after 1 s and not before', async () => {
    const f = await dueIn(1_000);
    await startService();

    await advance(999);
    expect(host.notify).not.toHaveBeenCalled();
    expect(raised).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    await settleUntil(() => notifyCalls().length > 0, 'the popup');
    expect(Date.now()).toBe(T0 + 1_000);
    expect(notifyCalls()).toEqual([{ id: f.id, title: 'Phone Prof. Yvonne Young', body: expect.stringContaining('Her book is due back'), urgency: 'normal' }]);
    expect(notifyCalls()[0]?.body).toContain('020 7946 0001');
    expect(host.setBadgeCount).toHaveBeenLastCalledWith(1);
    expect(raised.map((r) => r.followUpId)).toEqual([f.id]);

    // Hours go by (the timer re-arms hourly): the same reminder is not raised again.
    for (let i = 0; i < 3; i += 1) await advance(HOUR);
    expect(host.notify).toHaveBeenCalledTimes(1);
    expect(withdrawn()).toEqual([]);
  });

  it("raises at once, as overdue, what came due while the app was closed", async () => {
    const f = await dueIn(MIN);
    const first = await startService();
    first.stop();
    expect(first.armedTimers).toBe(0);
    await advance(2 * HOUR); // the computer is off
    expect(host.notify).not.toHaveBeenCalled();

    const afterRestart = fakeHost();
    const openedAt = Date.now();
    await startService(afterRestart);
    await settleUntil(() => notifyCalls(afterRestart).length > 0, 'the overdue popup');
    expect(Date.now()).toBe(openedAt);
    const [popup] = notifyCalls(afterRestart);
    expect(popup).toMatchObject({ id: f.id, urgency: 'critical' });
    expect(popup?.title).toMatch(/^Overdue: Phone Prof\. Yvonne Young$/);
    expect(raised).toEqual([expect.objectContaining({ followUpId: f.id, overdue: true })]);
  });

  it('raises a follow-up created already overdue as soon as a new service starts', async () => {
    const f = await dueIn(-26 * HOUR);
    await startService();
    await settleUntil(() => notifyCalls().length > 0, 'the overdue popup');
    expect(Date.now()).toBe(T0);
    expect(notifyCalls()).toEqual([expect.objectContaining({ id: f.id, title: 'Overdue: Phone Prof. Yvonne Young' })]);
  });
});

describe('ReminderService: many at once', () => {
  it('announces more than three newly due reminders as one summary popup, and takes it back when none are left', async () => {
    const made = await createFollowUps(services.db, writeContextOf(services), [1, 2, 3, 4, 5].map((h) => ({
      patronId: patron.id, reason: `Weekend item ${h}`, dueAt: T0 - h * HOUR, channel: 'phone', assignee: { kind: 'queue' },
    })));
    await startService();
    await settleUntil(() => notifyCalls().length > 0, 'the summary');
    expect(notifyCalls()).toEqual([expect.objectContaining({ id: SUMMARY_NOTIFICATION_ID, title: '5 follow-ups due (5 overdue)', urgency: 'critical' })]);
    expect(raised).toHaveLength(5);
    expect(host.setBadgeCount).toHaveBeenLastCalledWith(5);

    const summaryWithdrawals = () => (host.withdrawNotification as Mock).mock.calls.filter(([id]) => id === SUMMARY_NOTIFICATION_ID).length;
    const before = summaryWithdrawals();
    for (const f of made) await record(f.id, { type: 'done', outcome: 'reached' });
    await settleUntil(() => raised.length === 0, 'every card gone');
    expect(summaryWithdrawals()).toBeGreaterThan(before);
    expect(host.notify).toHaveBeenCalledTimes(1);
  });
});

describe('ReminderService: actions on a raised reminder', () => {
  it('withdraws it when it is done, and the badge goes to 0', async () => {
    const f = await dueIn(1_000);
    await startService();
    await advance(1_000);
    await settleUntil(() => notifyCalls().length === 1, 'the popup');

    await record(f.id, { type: 'done', outcome: 'reached' });
    await settleUntil(() => withdrawn().length > 0, 'the withdrawal');
    expect(withdrawn()).toEqual([f.id]);
    expect(host.withdrawNotification).toHaveBeenCalledWith(f.id);
    expect(host.setBadgeCount).toHaveBeenLastCalledWith(0);
    expect(raised).toEqual([]);

    await advance(HOUR);
    expect(host.notify).toHaveBeenCalledTimes(1);
  });

  it('withdraws a snoozed reminder and raises it again only when the snooze ends', async () => {
    const f = await dueIn(1_000);
    await startService();
    await advance(1_000);
    await settleUntil(() => notifyCalls().length === 1, 'the popup');

    await record(f.id, { type: 'snoozed', until: Date.now() + 10 * MIN });
    await settleUntil(() => withdrawn().length > 0, 'the withdrawal');
    expect(withdrawn()).toEqual([f.id]);
    expect(host.setBadgeCount).toHaveBeenLastCalledWith(0);

    await advance(10 * MIN - 1);
    expect(host.notify).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(1);
    await settleUntil(() => notifyCalls().length === 2, 'the second popup');
    expect(Date.now()).toBe(T0 + 1_000 + 10 * MIN);
    expect(notifyCalls()[1]).toMatchObject({ id: f.id, title: 'Phone Prof. Yvonne Young' });
    expect(host.setBadgeCount).toHaveBeenLastCalledWith(1);
  });
});

describe('ReminderService: changes that arrive by sync', () => {
  /** A follow-up event made at another desk, as a pull brings it in. */
  const pulledEvent = (followUpId: string, id: string, body: Record<string, unknown>): PulledRecord => {
    const fields = { followUpId, patronId: patron.id, branchId: patron.branchId, stamp: { staff: 'Ben', deskId: 'desk-upstairs', deskName: 'Upstairs', at: Date.now() }, ...body };
    const hlc = formatHlc({ wall: Date.now(), counter: 0, deskId: 'desk-upstairs' });
    return { entity: 'followUpEvent', id, branchId: patron.branchId, patronId: patron.id, fields: fields as PulledRecord['fields'], clocks: Object.fromEntries(Object.keys(fields).map((k) => [k, hlc])), erased: false };
  };
  const pull = (...records: PulledRecord[]) => applyPulledPage(services.db, { records, cursor: 'e:1', more: false, serverTime: Date.now() }, Date.now());

  it('withdraws the popup when another desk claims it, and again when another desk completes it', async () => {
    const claimed = await dueIn(0, { reason: 'Claimed upstairs' });
    const done = await dueIn(0, { reason: 'Done upstairs' });
    await startService();
    await settleUntil(() => notifyCalls().length === 2, 'two popups');

    await pull(pulledEvent(claimed.id, 'ev-claim-upstairs', { type: 'claimed' }));
    await settleUntil(() => withdrawn().length === 1, 'the withdrawal after the claim');
    expect(withdrawn()).toEqual([claimed.id]);

    await pull(pulledEvent(done.id, 'ev-done-upstairs', { type: 'done', outcome: 'reached', comment: '' }));
    await settleUntil(() => withdrawn().length === 2, 'the withdrawal after done');
    expect(withdrawn()).toEqual([claimed.id, done.id]);
    expect(host.setBadgeCount).toHaveBeenLastCalledWith(0);
    expect((await queuedChanges(services.db)).filter((c) => c.patronId === patron.id && c.mutation.entity === 'followUpEvent' && c.mutation.recordId.startsWith('ev-'))).toHaveLength(0);
  });
});

describe('ReminderService: whose reminder it is', () => {
  it("pops up mine and the desk queue's, not a colleague's, and withdraws one another desk claims", async () => {
    const bens = await dueIn(0, { reason: 'For Ben', assignee: { kind: 'staff', name: 'Ben' } });
    const annas = await dueIn(0, { reason: 'For Anna', assignee: { kind: 'staff', name: 'Anna' } });
    const queued = await dueIn(0, { reason: 'For the queue' });
    const other = await dueIn(0, { reason: 'Claimed upstairs' });
    await startService();
    await settleUntil(() => notifyCalls().length === 3, 'three popups');
    expect(notifyCalls().map((n) => n.id).sort()).toEqual([annas.id, queued.id, other.id].sort());
    expect(host.setBadgeCount).toHaveBeenLastCalledWith(3);

    // Another desk says "I'm calling now": this desk must not ring the same patron.
    await record(other.id, { type: 'claimed' }, { ...writeContextOf(services), staff: 'Ben', deskId: 'desk-upstairs', deskName: 'Upstairs' });
    await settleUntil(() => withdrawn().length > 0, 'the withdrawal');
    expect(withdrawn()).toEqual([other.id]);
    expect(host.setBadgeCount).toHaveBeenLastCalledWith(2);

    // My own claim at this desk keeps it on my screen.
    const checks = reconciles;
    await record(queued.id, { type: 'claimed' });
    await settleUntil(() => reconciles > checks, 'the check after my claim');
    expect(withdrawn()).toEqual([other.id]);
    expect(raised.map((r) => r.followUpId).sort()).toEqual([annas.id, queued.id].sort());
    expect(notifyCalls().map((n) => n.id)).not.toContain(bens.id);
  });

  it("raises a reminder again when another desk's claim lapses (30 minutes, not renewed)", async () => {
    const f = await dueIn(0);
    await startService();
    await settleUntil(() => notifyCalls().length === 1, 'the popup');
    await record(f.id, { type: 'claimed' }, { ...writeContextOf(services), staff: 'Ben', deskId: 'desk-upstairs' });
    await settleUntil(() => withdrawn().length === 1, 'the withdrawal');

    await advance(CLAIM_TTL_MS - 1);
    expect(host.notify).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await settleUntil(() => notifyCalls().length === 2, 'the popup after the claim lapsed');
    expect(Date.now()).toBe(T0 + CLAIM_TTL_MS);
    expect(notifyCalls()[1]).toMatchObject({ id: f.id, title: 'Overdue: Phone Prof. Yvonne Young' });
  });

  it("shows a colleague's reminders when they take over the desk", async () => {
    const bens = await dueIn(0, { assignee: { kind: 'staff', name: 'Ben' } });
    const annas = await dueIn(0, { assignee: { kind: 'staff', name: 'Anna' } });
    const service = await startService();
    await settleUntil(() => notifyCalls().length === 1, 'the popup');
    expect(notifyCalls()[0]?.id).toBe(annas.id);

    me = 'Ben';
    await service.check();
    expect(withdrawn()).toEqual([annas.id]);
    expect(notifyCalls().map((n) => n.id)).toEqual([annas.id, bens.id]);
  });
});

describe('ReminderService: timers', () => {
  it('arms one timer, for the earliest, with 100 follow-ups pending', async () => {
    // Due 5 to 104 minutes from now, created in a scrambled order.
    const dues = Array.from({ length: 100 }, (_, i) => T0 + (5 + ((i * 37 + 50) % 100)) * MIN);
    const created = await createFollowUps(services.db, writeContextOf(services), dues.map((dueAt, i) => ({
      patronId: patron.id, reason: `Follow-up ${i}`, dueAt, channel: 'phone', assignee: { kind: 'queue' },
    })));
    const earliest = created.find((f) => f.firstDueAt === T0 + 5 * MIN);
    expect(created.indexOf(earliest!)).toBeGreaterThan(0);

    const service = await startService();
    expect(service.armedTimers).toBe(1);
    expect(vi.getTimerCount()).toBe(1);

    await vi.advanceTimersToNextTimerAsync();
    expect(Date.now()).toBe(T0 + 5 * MIN);
    await settleUntil(() => notifyCalls().length > 0, 'the first popup');
    expect(notifyCalls().map((n) => n.id)).toEqual([earliest!.id]);
    await settleUntil(() => service.armedTimers === 1, 'the re-armed timer');
    expect(vi.getTimerCount()).toBe(1);
  });

  it('never arms a timer for longer than an hour, even for a follow-up due next week', async () => {
    await dueIn(7 * 24 * HOUR);
    const service = await startService();
    expect(vi.getTimerCount()).toBe(1);

    for (let i = 0; i < 3; i += 1) {
      const before = Date.now();
      const checks = reconciles;
      await vi.advanceTimersToNextTimerAsync();
      expect(Date.now() - before).toBe(MAX_TIMER_MS);
      await settleUntil(() => reconciles > checks && service.armedTimers === 1, 'the hourly re-check');
      expect(vi.getTimerCount()).toBe(1);
    }
    expect(host.notify).not.toHaveBeenCalled();
  });

  it('re-checks at once when the wall clock jumps (waking from sleep), before its timer would fire', async () => {
    // The watchdog is a setInterval: fake it too for this test (fine next to fake-indexeddb).
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: [...DEXIE_SAFE_FAKE_TIMERS.toFake, 'setInterval', 'clearInterval'], now: T0 });
    const f = await dueIn(30 * MIN);
    await startService();
    // Asleep for two hours: the wall clock moves, the (monotonic) timers do not.
    vi.setSystemTime(T0 + 2 * HOUR);
    await settle();
    expect(host.notify).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(WATCHDOG_MS);
    await settleUntil(() => notifyCalls().length > 0, 'the popup after waking');
    expect(Date.now()).toBe(T0 + 2 * HOUR + WATCHDOG_MS);
    expect(notifyCalls()).toEqual([expect.objectContaining({ id: f.id, title: 'Overdue: Phone Prof. Yvonne Young' })]);
  });
});
