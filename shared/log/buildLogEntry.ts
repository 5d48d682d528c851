import { displayName, type Patron } from '../domain/patron';
import { describeAssignee, type FollowUp } from '../followups/followUp';
import type { FollowUpEvent } from '../followups/followUpEvents';
import { foldForSearch } from '../search/fold';
import type { LogEntry } from './logEntry';

type PatronNames = Pick<Patron, 'title' | 'firstName' | 'lastName'>;

/**
 * The log entry of one follow-up event. The follow-up and patron may be missing (the
 * follow-up not arrived yet; the patron erased): the entry is still kept, with nulls.
 */
export function buildLogEntry(event: FollowUpEvent, followUp: FollowUp | undefined, patron: PatronNames | undefined): LogEntry {
  const source = followUp?.source;
  return {
    eventId: event.id,
    followUpId: event.followUpId,
    patronId: event.patronId,
    patronName: patron ? displayName(patron) : null,
    branchId: event.branchId,
    type: event.type,
    at: event.stamp.at,
    staff: event.stamp.staff,
    deskId: event.stamp.deskId,
    deskName: event.stamp.deskName ?? null,
    outcome: event.type === 'attempted' || event.type === 'done' ? event.outcome : null,
    comment: event.type === 'attempted' || event.type === 'done' ? event.comment : event.type === 'cancelled' ? event.reason : '',
    until: untilOf(event),
    assignedTo: event.type === 'reassigned' ? describeAssignee(event.to) : null,
    channel: followUp?.channel ?? null,
    reason: followUp?.reason ?? null,
    campaignId: source?.kind === 'campaign' ? source.campaignId : null,
    campaignName: source?.kind === 'campaign' ? source.name : null,
    followUpCreatedAt: followUp?.created.at ?? null,
    firstDueAt: followUp?.firstDueAt ?? null,
  };
}

/** The time an entry points to: snoozed until, try again at, reopened as due at. */
function untilOf(event: FollowUpEvent): number | null {
  if (event.type === 'snoozed') return event.until;
  if (event.type === 'attempted') return event.retryAt ?? null;
  if (event.type === 'reopened') return event.dueAt ?? null;
  return null;
}

/**
 * How "sort by patron" orders: by last name, then first name, accents and case ignored
 * ("Émile Zola" files under z, beside "Zoe"). Compare these keys by code point; erased
 * patrons (no key) come last.
 */
export function patronSortKey(patron: PatronNames): string {
  return foldForSearch(`${patron.lastName} ${patron.firstName}`).trim();
}
