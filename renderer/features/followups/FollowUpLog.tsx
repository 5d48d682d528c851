import { format } from 'date-fns';
import { describeAssignee, OUTCOME_LABELS } from '@shared/followups/followUp';
import { EVENT_LABELS, type FollowUpEvent } from '@shared/followups/followUpEvents';
import { compareEvents } from '@shared/followups/foldFollowUp';
import { formatStamp } from '../../app/ui/format';

function detail(e: FollowUpEvent): string {
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

/** The follow-up's log, oldest first: the managers' record of what was done, by whom, where, when. */
export function FollowUpLog({ events }: { events: FollowUpEvent[] }) {
  const sorted = [...events].sort(compareEvents);
  return (
    <ol className="follow-up-log" aria-label="Follow-up log">
      {sorted.map((e) => (
        <li key={e.id}>
          <strong>{EVENT_LABELS[e.type]}</strong> {detail(e)} <span className="meta">— {formatStamp(e.stamp)}</span>
        </li>
      ))}
    </ol>
  );
}
