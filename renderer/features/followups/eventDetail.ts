import { format } from 'date-fns';
import { describeAssignee, OUTCOME_LABELS } from '@shared/followups/followUp';
import type { FollowUpEvent } from '@shared/followups/followUpEvents';

/** What a log entry adds to its label: the outcome and comment, the new time, the new assignee, the reason. */
export function eventDetail(e: FollowUpEvent): string {
  switch (e.type) {
    case 'attempted': return `${OUTCOME_LABELS[e.outcome]}${e.retryAt ? `, try again ${format(e.retryAt, 'EEE d MMM HH:mm')}` : ''}${e.comment ? ` — ${e.comment}` : ''}`;
    case 'done': return `${OUTCOME_LABELS[e.outcome]}${e.comment ? ` — ${e.comment}` : ''}`;
    case 'snoozed': return `until ${format(e.until, 'EEE d MMM HH:mm')}`;
    case 'reassigned': return `to ${describeAssignee(e.to)}`;
    case 'cancelled': return e.reason;
    case 'reopened': return e.dueAt ? `due ${format(e.dueAt, 'EEE d MMM HH:mm')}` : '';
    default: return '';
  }
}
