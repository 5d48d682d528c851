import { EVENT_LABELS, type FollowUpEvent } from '@shared/followups/followUpEvents';
import { compareEvents } from '@shared/followups/foldFollowUp';
import { formatStamp } from '../../app/ui/format';
import { eventDetail } from './eventDetail';

/** The follow-up's log, oldest first: the managers' record of what was done, by whom, where, when. */
export function FollowUpLog({ events }: { events: FollowUpEvent[] }) {
  const sorted = [...events].sort(compareEvents);
  return (
    <ol className="follow-up-log" aria-label="Follow-up log">
      {sorted.map((e) => (
        <li key={e.id}>
          <strong>{EVENT_LABELS[e.type]}</strong> {eventDetail(e)} <span className="meta">— {formatStamp(e.stamp)}</span>
        </li>
      ))}
    </ol>
  );
}
