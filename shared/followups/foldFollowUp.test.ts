import { describe, expect, it } from 'vitest';
import type { FollowUp } from './followUp';
import type { FollowUpEvent, FollowUpEventBody } from './followUpEvents';
import { activeClaim, CLAIM_TTL_MS, compareEvents, foldFollowUp, pendingDueAtOf } from './foldFollowUp';
import { recurrenceFor } from './recurrence';

/** Local-time instants, so the tests mean the same in any time zone. */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const MIN = 60_000;

const FIRST_DUE = at(2026, 11, 20, 10, 0); // Fri 20 Nov 2026 10:00
const T0 = at(2026, 11, 20, 9, 0);

const followUp = (over: Partial<FollowUp> = {}): FollowUp => ({
  id: 'fu-1',
  patronId: 'p-1',
  branchId: 'b-1',
  reason: 'Her book is due',
  channel: 'phone',
  firstDueAt: FIRST_DUE,
  assignee: { kind: 'queue' },
  source: { kind: 'manual' },
  message: '',
  created: { staff: 'Sam', deskId: 'desk-a', at: T0 },
  ...over,
});

let seq = 0;
/** An event on fu-1 at `when`, by Sam at desk-a unless told otherwise. */
const ev = (
  when: number,
  body: FollowUpEventBody,
  who: { staff?: string; deskId?: string; id?: string; followUpId?: string } = {},
): FollowUpEvent => ({
  id: who.id ?? `e-${String(++seq).padStart(4, '0')}`,
  followUpId: who.followUpId ?? 'fu-1',
  patronId: 'p-1',
  branchId: 'b-1',
  stamp: { staff: who.staff ?? 'Sam', deskId: who.deskId ?? 'desk-a', at: when },
  ...body,
});

const created = (when = T0) => ev(when, { type: 'created' });
const snoozed = (when: number, until: number, who = {}) => ev(when, { type: 'snoozed', until }, who);
const done = (when: number, outcome: 'reached' | 'emailed' = 'reached', who = {}) => ev(when, { type: 'done', outcome, comment: '' }, who);
const claimed = (when: number, who = {}) => ev(when, { type: 'claimed' }, who);
const released = (when: number, who = {}) => ev(when, { type: 'released' }, who);
const attempted = (when: number, retryAt?: number) =>
  ev(when, retryAt === undefined
    ? { type: 'attempted', outcome: 'no-answer', comment: '' }
    : { type: 'attempted', outcome: 'no-answer', comment: 'try later', retryAt });
const cancelled = (when: number, reason: string) => ev(when, { type: 'cancelled', reason });
const reopened = (when: number, dueAt?: number) => ev(when, dueAt === undefined ? { type: 'reopened' } : { type: 'reopened', dueAt });

const BOB = { staff: 'Bob', deskId: 'desk-b' };

describe('foldFollowUp: basics', () => {
  it('a created follow-up is open and due at firstDueAt', () => {
    const s = foldFollowUp(followUp(), [created()]);
    expect(s).toEqual({
      status: 'open', dueAt: FIRST_DUE, assignee: { kind: 'queue' }, claim: undefined, attempts: 0,
      lastOutcome: undefined, completed: 0, closedAt: undefined, cancelReason: undefined,
    });
    expect(pendingDueAtOf(s)).toBe(FIRST_DUE);
  });

  it('with no events at all it is the created state', () => {
    expect(foldFollowUp(followUp(), [])).toEqual(foldFollowUp(followUp(), [created()]));
  });

  it('snooze moves dueAt', () => {
    const until = at(2026, 11, 21, 9, 0);
    const s = foldFollowUp(followUp(), [created(), snoozed(at(2026, 11, 20, 10, 5), until)]);
    expect(s.status).toBe('open');
    expect(s.dueAt).toBe(until);
    expect(pendingDueAtOf(s)).toBe(until);
  });

  it('the latest snooze by stamp time wins, whatever the array order and whatever the until', () => {
    const early = snoozed(at(2026, 11, 20, 10, 1), at(2026, 11, 25, 9, 0)); // made first, snoozes far
    const late = snoozed(at(2026, 11, 20, 10, 2), at(2026, 11, 20, 15, 0), BOB); // made later, snoozes less far
    expect(foldFollowUp(followUp(), [created(), early, late]).dueAt).toBe(at(2026, 11, 20, 15, 0));
    expect(foldFollowUp(followUp(), [late, early, created()]).dueAt).toBe(at(2026, 11, 20, 15, 0));
  });

  it('an attempt counts, records the outcome, moves dueAt to retryAt and stays open', () => {
    const retry = at(2026, 11, 21, 10, 0);
    const s = foldFollowUp(followUp(), [created(), attempted(at(2026, 11, 20, 10, 3), retry)]);
    expect(s).toMatchObject({ status: 'open', attempts: 1, lastOutcome: 'no-answer', dueAt: retry, closedAt: undefined });
  });

  it('an attempt without retryAt keeps the due time; attempts add up', () => {
    const s = foldFollowUp(followUp(), [created(), attempted(at(2026, 11, 20, 10, 3)), attempted(at(2026, 11, 20, 10, 9))]);
    expect(s).toMatchObject({ status: 'open', attempts: 2, dueAt: FIRST_DUE });
  });

  it('done closes it with the outcome and closedAt', () => {
    const when = at(2026, 11, 20, 10, 7);
    const s = foldFollowUp(followUp(), [created(), done(when, 'emailed')]);
    expect(s).toMatchObject({ status: 'done', closedAt: when, lastOutcome: 'emailed', completed: 1, dueAt: FIRST_DUE });
    expect(pendingDueAtOf(s)).toBeUndefined();
  });

  it('done is terminal: snooze, attempt and claim after it change nothing', () => {
    const base = [created(), done(at(2026, 11, 20, 10, 7))];
    const closed = foldFollowUp(followUp(), base);
    const after = foldFollowUp(followUp(), [
      ...base,
      snoozed(at(2026, 11, 20, 10, 8), at(2026, 11, 22, 9, 0), BOB),
      attempted(at(2026, 11, 20, 10, 9), at(2026, 11, 23, 9, 0)),
      claimed(at(2026, 11, 20, 10, 10), BOB),
      done(at(2026, 11, 20, 10, 11), 'emailed', BOB),
      cancelled(at(2026, 11, 20, 10, 12), 'no longer needed'),
    ]);
    expect(after).toEqual(closed);
  });

  it('a snooze stamped before done but arriving after it still counts (fold is by stamp, not arrival)', () => {
    const until = at(2026, 11, 22, 9, 0);
    const s = foldFollowUp(followUp(), [created(), done(at(2026, 11, 20, 10, 7)), snoozed(at(2026, 11, 20, 10, 6), until, BOB)]);
    expect(s).toMatchObject({ status: 'done', dueAt: until });
  });

  it('reopened after done opens it again, due at the given time', () => {
    const dueAt = at(2026, 11, 24, 9, 0);
    const s = foldFollowUp(followUp(), [created(), done(at(2026, 11, 20, 10, 7)), reopened(at(2026, 11, 20, 11, 0), dueAt)]);
    expect(s).toMatchObject({ status: 'open', dueAt, closedAt: undefined });
    expect(pendingDueAtOf(s)).toBe(dueAt);
  });

  it('reopened without a time is due at the reopening time', () => {
    const when = at(2026, 11, 20, 11, 0);
    const s = foldFollowUp(followUp(), [created(), done(at(2026, 11, 20, 10, 7)), reopened(when)]);
    expect(s).toMatchObject({ status: 'open', dueAt: when });
  });

  it('reopened while open changes nothing', () => {
    const s = foldFollowUp(followUp(), [created(), reopened(at(2026, 11, 20, 9, 30), at(2026, 12, 1, 9, 0))]);
    expect(s).toEqual(foldFollowUp(followUp(), [created()]));
  });

  it('after reopening, done closes it again', () => {
    const s = foldFollowUp(followUp(), [
      created(), done(at(2026, 11, 20, 10, 7)), reopened(at(2026, 11, 20, 11, 0)), done(at(2026, 11, 20, 11, 5), 'emailed'),
    ]);
    expect(s).toMatchObject({ status: 'done', closedAt: at(2026, 11, 20, 11, 5), lastOutcome: 'emailed', completed: 2 });
  });

  it('cancelled closes it with the reason; reopening clears the reason', () => {
    const when = at(2026, 11, 20, 10, 2);
    const s = foldFollowUp(followUp(), [created(), cancelled(when, 'Patron moved away')]);
    expect(s).toMatchObject({ status: 'cancelled', closedAt: when, cancelReason: 'Patron moved away' });
    expect(pendingDueAtOf(s)).toBeUndefined();
    const r = foldFollowUp(followUp(), [created(), cancelled(when, 'Patron moved away'), reopened(at(2026, 11, 20, 11, 0))]);
    expect(r).toMatchObject({ status: 'open', cancelReason: undefined, closedAt: undefined });
  });

  it('done after a cancel changes nothing (the first close wins until reopened)', () => {
    const s = foldFollowUp(followUp(), [created(), cancelled(at(2026, 11, 20, 10, 2), 'Duplicate'), done(at(2026, 11, 20, 10, 3), 'reached', BOB)]);
    expect(s).toMatchObject({ status: 'cancelled', cancelReason: 'Duplicate', completed: 0 });
  });

  it('reassigned changes the assignee', () => {
    const s = foldFollowUp(followUp(), [created(), ev(at(2026, 11, 20, 9, 10), { type: 'reassigned', to: { kind: 'staff', name: 'Ana' } })]);
    expect(s.assignee).toEqual({ kind: 'staff', name: 'Ana' });
    expect(s.status).toBe('open');
  });

  it('ignores events of another follow-up', () => {
    const other = { followUpId: 'fu-2' };
    const s = foldFollowUp(followUp(), [
      created(),
      done(at(2026, 11, 20, 10, 7), 'reached', other),
      snoozed(at(2026, 11, 20, 10, 8), at(2026, 11, 30, 9, 0), other),
      ev(at(2026, 11, 20, 10, 9), { type: 'reassigned', to: { kind: 'staff', name: 'Ana' } }, other),
    ]);
    expect(s).toEqual(foldFollowUp(followUp(), [created()]));
  });

  it('counts duplicate events (same id) once', () => {
    const a = attempted(at(2026, 11, 20, 10, 3), at(2026, 11, 21, 10, 0));
    const s = foldFollowUp(followUp(), [created(), a, { ...a }, a]);
    expect(s.attempts).toBe(1);
  });
});

describe('foldFollowUp: claims', () => {
  const c1 = at(2026, 11, 20, 10, 0);

  it('a claim is held by the claimer for CLAIM_TTL_MS', () => {
    const s = foldFollowUp(followUp(), [created(), claimed(c1)]);
    expect(s.claim).toEqual({ staff: 'Sam', deskId: 'desk-a', until: c1 + CLAIM_TTL_MS });
    expect(CLAIM_TTL_MS).toBe(30 * MIN);
    expect(activeClaim(s, c1 + 5 * MIN)).toEqual(s.claim);
  });

  it('the first live claim wins against a later claim by another desk, in any arrival order', () => {
    const mine = claimed(c1);
    const theirs = claimed(c1 + 2 * MIN, BOB);
    for (const events of [[created(), mine, theirs], [theirs, mine, created()]]) {
      expect(foldFollowUp(followUp(), events).claim).toMatchObject({ staff: 'Sam', deskId: 'desk-a', until: c1 + CLAIM_TTL_MS });
    }
  });

  it('the same staff on another desk does not take over a live claim', () => {
    const s = foldFollowUp(followUp(), [claimed(c1), claimed(c1 + MIN, { staff: 'Sam', deskId: 'desk-b' })]);
    expect(s.claim).toMatchObject({ deskId: 'desk-a', until: c1 + CLAIM_TTL_MS });
  });

  it('the holder renews the claim (until extends)', () => {
    const s = foldFollowUp(followUp(), [claimed(c1), claimed(c1 + 20 * MIN)]);
    expect(s.claim).toEqual({ staff: 'Sam', deskId: 'desk-a', until: c1 + 20 * MIN + CLAIM_TTL_MS });
    expect(activeClaim(s, c1 + 40 * MIN)).toBeDefined();
  });

  it('a claim expires after CLAIM_TTL_MS', () => {
    const s = foldFollowUp(followUp(), [claimed(c1)]);
    expect(activeClaim(s, c1 + CLAIM_TTL_MS - 1)).toBeDefined();
    expect(activeClaim(s, c1 + CLAIM_TTL_MS)).toBeUndefined();
    expect(activeClaim(s, c1 + 2 * CLAIM_TTL_MS)).toBeUndefined();
  });

  it('another desk can claim once the first claim has expired', () => {
    const s = foldFollowUp(followUp(), [claimed(c1), claimed(c1 + CLAIM_TTL_MS, BOB)]);
    expect(s.claim).toEqual({ staff: 'Bob', deskId: 'desk-b', until: c1 + 2 * CLAIM_TTL_MS });
    const early = foldFollowUp(followUp(), [claimed(c1), claimed(c1 + CLAIM_TTL_MS - 1, BOB)]);
    expect(early.claim?.deskId).toBe('desk-a');
  });

  it('released clears the claim, and another desk may then claim', () => {
    const s = foldFollowUp(followUp(), [claimed(c1), released(c1 + 5 * MIN)]);
    expect(s.claim).toBeUndefined();
    expect(activeClaim(s, c1 + 6 * MIN)).toBeUndefined();
    const t = foldFollowUp(followUp(), [claimed(c1), released(c1 + 5 * MIN), claimed(c1 + 6 * MIN, BOB)]);
    expect(t.claim?.deskId).toBe('desk-b');
  });

  it('done, snooze and attempt release the claim', () => {
    const after = c1 + 5 * MIN;
    expect(foldFollowUp(followUp(), [claimed(c1), done(after)]).claim).toBeUndefined();
    expect(foldFollowUp(followUp(), [claimed(c1), snoozed(after, at(2026, 11, 21, 9, 0))]).claim).toBeUndefined();
    expect(foldFollowUp(followUp(), [claimed(c1), attempted(after, at(2026, 11, 21, 9, 0))]).claim).toBeUndefined();
    expect(foldFollowUp(followUp(), [claimed(c1), cancelled(after, 'Duplicate')]).claim).toBeUndefined();
  });
});

describe('foldFollowUp: recurring', () => {
  const weekly = followUp({ recurrence: recurrenceFor({ kind: 'weekly' }, FIRST_DUE) });

  it('done moves a weekly follow-up to the next occurrence and keeps it open', () => {
    const s = foldFollowUp(weekly, [created(), done(at(2026, 11, 20, 10, 20))]);
    expect(s).toMatchObject({ status: 'open', dueAt: at(2026, 11, 27, 10, 0), completed: 1, lastOutcome: 'reached', closedAt: undefined });
    expect(pendingDueAtOf(s)).toBe(at(2026, 11, 27, 10, 0));
  });

  it('each done moves on one occurrence', () => {
    const s = foldFollowUp(weekly, [done(at(2026, 11, 20, 10, 20)), done(at(2026, 11, 27, 10, 5))]);
    expect(s).toMatchObject({ status: 'open', dueAt: at(2026, 12, 4, 10, 0), completed: 2 });
  });

  it('done early (before the due time) still moves to the following occurrence, not the current one', () => {
    const s = foldFollowUp(weekly, [done(at(2026, 11, 19, 16, 0))]);
    expect(s.dueAt).toBe(at(2026, 11, 27, 10, 0));
  });

  it('done long after it was due skips the missed occurrences', () => {
    const s = foldFollowUp(weekly, [done(at(2026, 12, 9, 12, 0))]);
    expect(s.dueAt).toBe(at(2026, 12, 11, 10, 0));
  });

  it('done after a snooze goes back onto the series', () => {
    const s = foldFollowUp(weekly, [snoozed(at(2026, 11, 20, 10, 1), at(2026, 11, 23, 15, 0)), done(at(2026, 11, 23, 15, 10))]);
    expect(s.dueAt).toBe(at(2026, 11, 27, 10, 0));
  });

  it('a series that has ended closes on its last done', () => {
    const twice = followUp({ recurrence: { rule: 'FREQ=WEEKLY;COUNT=2', label: 'Twice' } });
    const first = foldFollowUp(twice, [done(at(2026, 11, 20, 10, 20))]);
    expect(first).toMatchObject({ status: 'open', dueAt: at(2026, 11, 27, 10, 0) });
    const second = foldFollowUp(twice, [done(at(2026, 11, 20, 10, 20)), done(at(2026, 11, 27, 10, 20))]);
    expect(second).toMatchObject({ status: 'done', closedAt: at(2026, 11, 27, 10, 20), completed: 2 });
  });
});

describe('compareEvents', () => {
  it('orders by time, then desk, then id', () => {
    const a = ev(T0, { type: 'created' }, { id: 'z', deskId: 'desk-a' });
    const b = ev(T0, { type: 'created' }, { id: 'a', deskId: 'desk-b' });
    const c = ev(T0, { type: 'created' }, { id: 'b', deskId: 'desk-b' });
    const d = ev(T0 - 1, { type: 'created' }, { id: 'zz', deskId: 'desk-z' });
    expect([c, b, a, d].sort(compareEvents)).toEqual([d, a, b, c]);
  });
});
