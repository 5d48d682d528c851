import type { Assignee, FollowUp, Outcome } from './followUp';
import type { FollowUpEvent } from './followUpEvents';
import { nextOccurrence } from './recurrence';

/** A claim ("I'm calling now") lapses after this long unless renewed. */
export const CLAIM_TTL_MS = 30 * 60 * 1000;

export type FollowUpStatus = 'open' | 'done' | 'cancelled';

export interface Claim {
  staff: string;
  deskId: string;
  until: number;
}

/** Everything the UI and the reminder service need to know about a follow-up, derived from its log. */
export interface FollowUpState {
  status: FollowUpStatus;
  /** When it is (next) due; for a closed follow-up, when it was last due. */
  dueAt: number;
  assignee: Assignee;
  claim: Claim | undefined;
  attempts: number;
  lastOutcome: Outcome | undefined;
  /** Occurrences completed, for a recurring follow-up. */
  completed: number;
  closedAt: number | undefined;
  cancelReason: string | undefined;
}

/**
 * The order events are applied in: by time, then desk, then id. It is total, so every
 * desk folds the same set of events to the same state whatever order they arrived in.
 * (With sync, `at` becomes the hybrid logical clock's time.)
 */
export function compareEvents(a: FollowUpEvent, b: FollowUpEvent): number {
  return a.stamp.at - b.stamp.at || cmp(a.stamp.deskId, b.stamp.deskId) || cmp(a.id, b.id);
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function initialState(f: FollowUp): FollowUpState {
  return {
    status: 'open', dueAt: f.firstDueAt, assignee: f.assignee, claim: undefined, attempts: 0,
    lastOutcome: undefined, completed: 0, closedAt: undefined, cancelReason: undefined,
  };
}

/** Applies one event. Events that make no sense in the current state (e.g. snooze after done) change nothing but stay in the log. */
function apply(f: FollowUp, s: FollowUpState, e: FollowUpEvent): FollowUpState {
  const at = e.stamp.at;
  const claimActive = s.claim !== undefined && s.claim.until > at;
  switch (e.type) {
    case 'created':
      return s;
    case 'reassigned':
      return { ...s, assignee: e.to };
    case 'reopened':
      return s.status === 'open' ? s : { ...s, status: 'open', dueAt: e.dueAt ?? at, closedAt: undefined, cancelReason: undefined };
  }
  if (s.status !== 'open') return s;
  switch (e.type) {
    case 'claimed': {
      // The first live claim wins; its holder may renew it.
      const mine = s.claim?.staff === e.stamp.staff && s.claim.deskId === e.stamp.deskId;
      if (claimActive && !mine) return s;
      return { ...s, claim: { staff: e.stamp.staff, deskId: e.stamp.deskId, until: at + CLAIM_TTL_MS } };
    }
    case 'released': {
      // Only the holder lets go of a live claim; another desk's release must not reopen the race.
      const holder = s.claim?.staff === e.stamp.staff && s.claim.deskId === e.stamp.deskId;
      return claimActive && !holder ? s : { ...s, claim: undefined };
    }
    case 'snoozed':
      return { ...s, dueAt: e.until, claim: undefined };
    case 'attempted':
      return { ...s, attempts: s.attempts + 1, lastOutcome: e.outcome, dueAt: e.retryAt ?? s.dueAt, claim: undefined };
    case 'cancelled':
      return { ...s, status: 'cancelled', claim: undefined, closedAt: at, cancelReason: e.reason };
    case 'done': {
      const base = { ...s, lastOutcome: e.outcome, claim: undefined, completed: s.completed + 1 };
      const next = f.recurrence ? nextOccurrence(f.recurrence, f.firstDueAt, Math.max(s.dueAt, at)) : undefined;
      return next === undefined ? { ...base, status: 'done', closedAt: at } : { ...base, dueAt: next };
    }
  }
}

/**
 * The state of a follow-up: its events, de-duplicated by id and sorted by compareEvents,
 * folded from the state it was created in. Pure and order-independent.
 */
export function foldFollowUp(followUp: FollowUp, events: readonly FollowUpEvent[]): FollowUpState {
  const unique = new Map<string, FollowUpEvent>();
  for (const e of events) if (e.followUpId === followUp.id) unique.set(e.id, e);
  return [...unique.values()].sort(compareEvents).reduce((s, e) => apply(followUp, s, e), initialState(followUp));
}

/** The live claim at `now`, if any (an expired claim counts as released). */
export function activeClaim(state: FollowUpState, now: number): Claim | undefined {
  return state.claim && state.claim.until > now ? state.claim : undefined;
}

/** The cached due time a follow-up row carries: the due time while open, nothing once closed. */
export function pendingDueAtOf(state: FollowUpState): number | undefined {
  return state.status === 'open' ? state.dueAt : undefined;
}
