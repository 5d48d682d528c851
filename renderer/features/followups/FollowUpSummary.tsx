import { format } from 'date-fns';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { displayName, type Patron } from '@shared/domain/patron';
import { contactDetailFor } from '@shared/followups/channelRules';
import { describeAssignee, OUTCOME_LABELS } from '@shared/followups/followUp';
import { hrefOf } from '../../app/routes';
import type { FollowUpWithState } from '../../db/followUpsRepo';

/** One line of facts about a follow-up: who, why, how, when, for whom, and where it stands. */
export function FollowUpSummary({ item, patron, now }: { item: FollowUpWithState; patron: Patron | undefined; now: number }) {
  const { followUp, state } = item;
  const detail = patron ? contactDetailFor(followUp.channel, patron) : '';
  const status =
    state.status === 'done' ? `Done — ${state.lastOutcome ? OUTCOME_LABELS[state.lastOutcome] : ''}`
      : state.status === 'cancelled' ? `Cancelled — ${state.cancelReason ?? ''}`
        : state.dueAt < now ? `Overdue since ${format(state.dueAt, 'EEE d MMM HH:mm')}` : `Due ${format(state.dueAt, 'EEE d MMM HH:mm')}`;
  return (
    <div className="follow-up-summary">
      <p>
        {patron && <a href={hrefOf({ name: 'patron', id: patron.id })}>{displayName(patron)}</a>}
        {' — '}
        <a href={hrefOf({ name: 'follow-up', id: followUp.id })}>{followUp.reason}</a>
      </p>
      <p className="meta">
        {CHANNEL_LABELS[followUp.channel]}{detail && `: ${detail.split('\n')[0]}`} · {status} · for {describeAssignee(state.assignee)}
        {followUp.recurrence && ` · ${followUp.recurrence.label}`}
        {state.attempts > 0 && ` · ${state.attempts} attempt${state.attempts > 1 ? 's' : ''}`}
        {followUp.channelOverride && ` · channel used despite flags: ${followUp.channelOverride.reason}`}
      </p>
      {followUp.message && <p className="pre message">{followUp.message}</p>}
    </div>
  );
}
