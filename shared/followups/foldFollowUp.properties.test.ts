import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES, type Assignee, type FollowUp } from './followUp';
import type { FollowUpEvent, FollowUpEventBody } from './followUpEvents';
import { compareEvents, foldFollowUp, pendingDueAtOf, type FollowUpState } from './foldFollowUp';
import { recurrenceFor } from './recurrence';

/*
 * Order-independence of the follow-up fold: desks receive each other's events in any
 * order, possibly more than once, and must all show the same state.
 */

const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const MIN = 60_000;
const BASE = at(2026, 11, 20, 9, 0);
const FIRST_DUE = at(2026, 11, 20, 10, 0);
const RUNS = { numRuns: 200 };

const followUp = (recurring: boolean): FollowUp => ({
  id: 'fu-1',
  patronId: 'p-1',
  branchId: 'b-1',
  reason: 'Her book is due',
  channel: 'phone',
  firstDueAt: FIRST_DUE,
  ...(recurring ? { recurrence: recurrenceFor({ kind: 'weekly' }, FIRST_DUE) } : {}),
  assignee: { kind: 'queue' },
  source: { kind: 'manual' },
  message: '',
  created: { staff: 'Sam', deskId: 'desk-a', at: BASE },
});

/** Minutes within a few days; clustered so that equal stamps (ties) happen often. */
const instant = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((m) => BASE + m * MIN),
  fc.integer({ min: 0, max: 4 * 24 * 60 }).map((m) => BASE + m * MIN),
);
const outcome = fc.constantFrom(...OUTCOMES);
const assignee: fc.Arbitrary<Assignee> = fc.oneof(
  fc.constant<Assignee>({ kind: 'queue' }),
  fc.constantFrom('Sam', 'Ana', 'Kim').map((name): Assignee => ({ kind: 'staff', name })),
);

const body: fc.Arbitrary<FollowUpEventBody> = fc.oneof(
  fc.constant<FollowUpEventBody>({ type: 'created' }),
  fc.constant<FollowUpEventBody>({ type: 'claimed' }),
  fc.constant<FollowUpEventBody>({ type: 'released' }),
  fc.record({ outcome, retryAt: fc.option(instant, { nil: undefined }) }).map(({ outcome, retryAt }): FollowUpEventBody =>
    retryAt === undefined ? { type: 'attempted', outcome, comment: '' } : { type: 'attempted', outcome, comment: '', retryAt }),
  instant.map((until): FollowUpEventBody => ({ type: 'snoozed', until })),
  outcome.map((outcome): FollowUpEventBody => ({ type: 'done', outcome, comment: '' })),
  assignee.map((to): FollowUpEventBody => ({ type: 'reassigned', to })),
  fc.constantFrom('Duplicate', 'Patron moved away').map((reason): FollowUpEventBody => ({ type: 'cancelled', reason })),
  fc.option(instant, { nil: undefined }).map((dueAt): FollowUpEventBody =>
    dueAt === undefined ? { type: 'reopened' } : { type: 'reopened', dueAt }),
);

const event: fc.Arbitrary<FollowUpEvent> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    followUpId: fc.constantFrom('fu-1', 'fu-1', 'fu-1', 'fu-1', 'fu-2'),
    staff: fc.constantFrom('Sam', 'Ana', 'Kim'),
    deskId: fc.constantFrom('desk-a', 'desk-b', 'desk-c'),
    at: instant,
    body,
  })
  .map(({ id, followUpId, staff, deskId, at, body }) => ({
    id, followUpId, patronId: 'p-1', branchId: 'b-1', stamp: { staff, deskId, at }, ...body,
  }));

/** Events with distinct ids: an id names one event, so two different events never share one. */
const events = fc.uniqueArray(event, { selector: (e) => e.id, maxLength: 25 });

const scenario = fc.record({ recurring: fc.boolean(), events });

/** The index of the last event of this type, or -1 (findLastIndex is ES2023; shared targets ES2022). */
function lastIndexOf(sorted: readonly FollowUpEvent[], type: FollowUpEvent['type']): number {
  for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i]!.type === type) return i;
  return -1;
}

/** Same content, different object, so de-duplication cannot rely on identity. */
const copy = (e: FollowUpEvent): FollowUpEvent => ({ ...e, stamp: { ...e.stamp } });

describe('foldFollowUp properties', () => {
  it('(1) any permutation of the events folds to the same state', () => {
    fc.assert(
      fc.property(
        scenario.chain(({ recurring, events }) =>
          fc.record({
            recurring: fc.constant(recurring),
            events: fc.constant(events),
            shuffled: fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
          })),
        ({ recurring, events, shuffled }) => {
          const f = followUp(recurring);
          expect(foldFollowUp(f, shuffled)).toEqual(foldFollowUp(f, events));
          expect(foldFollowUp(f, [...events].reverse())).toEqual(foldFollowUp(f, events));
        },
      ),
      RUNS,
    );
  });

  it('(2) duplicating any subset of the events changes nothing', () => {
    fc.assert(
      fc.property(
        scenario.chain(({ recurring, events }) =>
          fc.record({
            recurring: fc.constant(recurring),
            events: fc.constant(events),
            again: fc.subarray(events),
            seed: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
          })),
        ({ recurring, events, again, seed }) => {
          const f = followUp(recurring);
          const withDuplicates = [...events, ...again.map(copy), ...again];
          // Spread the duplicates through the list deterministically from the generated numbers.
          const mixed = withDuplicates
            .map((e, i) => ({ e, k: seed[i % seed.length]! + i }))
            .sort((a, b) => a.k - b.k)
            .map(({ e }) => e);
          expect(foldFollowUp(f, mixed)).toEqual(foldFollowUp(f, events));
        },
      ),
      RUNS,
    );
  });

  it('(3) a done with no later reopen leaves a one-off follow-up closed: done, unless a cancel closed it first', () => {
    fc.assert(
      fc.property(events, (events) => {
        const f = followUp(false);
        const sorted = events.filter((e) => e.followUpId === f.id).sort(compareEvents);
        const lastDone = lastIndexOf(sorted, 'done');
        const lastReopen = lastIndexOf(sorted, 'reopened');
        fc.pre(lastDone >= 0 && lastReopen < lastDone);
        const s = foldFollowUp(f, events);
        // After the last reopen (or from the start) the follow-up is open, and the first
        // close (done or cancelled) sticks; later closes are ignored.
        const firstClose = sorted.slice(lastReopen + 1).find((e) => e.type === 'done' || e.type === 'cancelled');
        expect(s.status).toBe(firstClose?.type);
        if (!sorted.some((e) => e.type === 'cancelled')) expect(s.status).toBe('done');
      }),
      RUNS,
    );
  });

  it('(3b) with done as the only kind of close, a done with no later reopen means status done', () => {
    fc.assert(
      fc.property(events, (raw) => {
        const events = raw.filter((e) => e.type !== 'cancelled');
        const f = followUp(false);
        const sorted = events.filter((e) => e.followUpId === f.id).sort(compareEvents);
        const lastDone = lastIndexOf(sorted, 'done');
        const lastReopen = lastIndexOf(sorted, 'reopened');
        fc.pre(lastDone >= 0 && lastReopen < lastDone);
        expect(foldFollowUp(f, events).status).toBe('done');
      }),
      RUNS,
    );
  });

  it('(4) pendingDueAtOf is undefined exactly when the follow-up is not open (and dueAt while open)', () => {
    fc.assert(
      fc.property(scenario, ({ recurring, events }) => {
        const s = foldFollowUp(followUp(recurring), events);
        expect(pendingDueAtOf(s) === undefined).toBe(s.status !== 'open');
        if (s.status === 'open') expect(pendingDueAtOf(s)).toBe(s.dueAt);
      }),
      RUNS,
    );
  });

  it('(5) the state is self-consistent: closed means closedAt set and no claim; open means no closedAt', () => {
    fc.assert(
      fc.property(scenario, ({ recurring, events }) => {
        const s: FollowUpState = foldFollowUp(followUp(recurring), events);
        if (s.status === 'open') {
          expect(s.closedAt).toBeUndefined();
          expect(s.cancelReason).toBeUndefined();
        } else {
          expect(s.closedAt).toBeTypeOf('number');
          expect(s.claim).toBeUndefined();
        }
        if (s.status === 'cancelled') expect(s.cancelReason).toBeTruthy();
        if (recurring) expect(s.status).not.toBe('done');
      }),
      RUNS,
    );
  });
});
