import { format } from 'date-fns';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { EVENT_LABELS } from '@shared/followups/followUpEvents';
import { hrefOf } from '../../app/routes';
import { formatStamp } from '../../app/ui/format';
import type { FollowUpLogEntry } from '../../db/followUpsRepo';
import { eventDetail } from './eventDetail';

/**
 * One follow-up log entry as a line of the patron's timeline: what happened (with the
 * outcome), to which follow-up, and who did it at which desk and when. Named "Follow-up
 * done by Anna" and so on, as notes are named "Note by Anna".
 */
export function FollowUpTimelineItem({ entry }: { entry: FollowUpLogEntry }) {
  const { followUp, event } = entry;
  const what = `Follow-up ${EVENT_LABELS[event.type].toLowerCase()}`;
  const detail = event.type === 'created' ? `due ${format(followUp.firstDueAt, 'EEE d MMM HH:mm')}` : eventDetail(event);
  return (
    <li className={`note note--follow-up note--${event.type}`} aria-label={`${what} by ${event.stamp.staff}`}>
      <p className="note__body">
        <strong>{what}</strong>{detail && `: ${detail}`}
      </p>
      <p className="meta">
        <a href={hrefOf({ name: 'follow-up', id: followUp.id })}>{followUp.reason}</a>
        {` · ${CHANNEL_LABELS[followUp.channel]} · ${formatStamp(event.stamp)}`}
      </p>
    </li>
  );
}
