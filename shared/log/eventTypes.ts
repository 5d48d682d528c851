import type { FollowUpEventType } from '../followups/followUpEvents';

/** Every kind of log entry, in the order a follow-up's life usually runs. */
export const FOLLOW_UP_EVENT_TYPES = ['created', 'claimed', 'released', 'attempted', 'snoozed', 'done', 'reassigned', 'cancelled', 'reopened'] as const satisfies readonly FollowUpEventType[];

// Fails to compile if followUpEvents gains a type this list lacks.
type Missing = Exclude<FollowUpEventType, (typeof FOLLOW_UP_EVENT_TYPES)[number]>;
const _everyTypeListed: Missing extends never ? true : never = true;
void _everyTypeListed;
