import type { FollowUp } from './followUp';
import type { FollowUpEvent } from './followUpEvents';

/**
 * A follow-up's "created" log entry, which is the follow-up itself: its `created` stamp says
 * who made it, where and when, and the entry takes the follow-up's id.
 *
 * Why no stored event: a campaign or an arrival writes thousands of follow-ups in one step,
 * and in Chromium's IndexedDB each record written costs about as much as the next whatever
 * its size (bench/RESULTS.md §5.4), so a second record per follow-up doubled the write.
 * Earlier desks also stored a separate "created" event; those still sync and are
 * valid, but every log reads them through `logEventsOf`, which leaves them out, so a
 * follow-up shows as created exactly once, the same way on every desk and on the server.
 */
export function createdEventOf(followUp: FollowUp): FollowUpEvent {
  return { id: followUp.id, followUpId: followUp.id, patronId: followUp.patronId, branchId: followUp.branchId, stamp: followUp.created, type: 'created' };
}

/** True for a stored "created" event (written by earlier desks): the follow-up itself stands for it. */
export function isStoredCreatedEvent(event: FollowUpEvent): boolean {
  return event.type === 'created' && event.id !== event.followUpId;
}

/** A follow-up's whole log: its "created" entry, then its stored events (other follow-ups' events are ignored). */
export function logEventsOf(followUp: FollowUp, stored: readonly FollowUpEvent[]): FollowUpEvent[] {
  return [createdEventOf(followUp), ...stored.filter((e) => e.followUpId === followUp.id && !isStoredCreatedEvent(e))];
}

/** Events grouped by their follow-up, each group in the order given (one pass: logs of hundreds of follow-ups are read at once). */
export function eventsByFollowUp(events: Iterable<FollowUpEvent>): Map<string, FollowUpEvent[]> {
  const byId = new Map<string, FollowUpEvent[]>();
  for (const e of events) {
    const own = byId.get(e.followUpId);
    if (own) own.push(e);
    else byId.set(e.followUpId, [e]);
  }
  return byId;
}
