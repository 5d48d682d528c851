import { CHANNEL_LABELS } from '@shared/domain/channels';
import { FLAG_LABELS, isFlagActive } from '@shared/domain/flags';
import { displayName, type Patron } from '@shared/domain/patron';
import { contactDetailFor } from '@shared/followups/channelRules';
import { activeClaim } from '@shared/followups/foldFollowUp';
import type { DeskNotification } from '@shared/host/deskHost';
import type { FollowUpWithState } from '../../db/followUpsRepo';

/** A reminder on screen: the follow-up, its patron and the due time it was raised for. */
export interface RaisedReminder {
  followUpId: string;
  patronId: string;
  dueAt: number;
  title: string;
  body: string;
  overdue: boolean;
}

/** Whether this desk should pop this follow-up up for the staff member at it. */
export function shouldPopUp(item: FollowUpWithState, me: string | null, deskId: string, now: number): boolean {
  const { state } = item;
  if (state.status !== 'open' || state.dueAt > now) return false;
  if (state.assignee.kind === 'staff' && state.assignee.name !== me) return false;
  const claim = activeClaim(state, now);
  // Someone else is already calling: don't make a second desk ring the same patron.
  return !claim || (claim.staff === me && claim.deskId === deskId);
}

const VERB = { phone: 'Phone', email: 'Email', sms: 'Text', letter: 'Write to', 'in-person': 'See' } as const;

/**
 * What the popup says: who, why, how to reach them and their contact flags, so staff can
 * act without opening anything. "Overdue" when it came due more than a minute ago
 * (e.g. while the computer was off).
 */
export function describeReminder(item: FollowUpWithState, patron: Patron | undefined, now: number): RaisedReminder {
  const { followUp, state } = item;
  const name = patron ? displayName(patron) : 'a patron';
  const overdue = now - state.dueAt > 60_000;
  const detail = patron ? contactDetailFor(followUp.channel, patron) : '';
  const flags = (patron?.flags ?? []).filter((f) => isFlagActive(f, now)).map((f) => `${FLAG_LABELS[f.kind]}${f.reason ? ` (${f.reason})` : ''}`);
  const body = [followUp.reason, detail && `${CHANNEL_LABELS[followUp.channel]}: ${detail.split('\n')[0]}`, ...flags].filter(Boolean).join(' · ');
  return {
    followUpId: followUp.id,
    patronId: followUp.patronId,
    dueAt: state.dueAt,
    title: `${overdue ? 'Overdue: ' : ''}${VERB[followUp.channel]} ${name}`,
    body,
    overdue,
  };
}

export function toNotification(r: RaisedReminder): DeskNotification {
  return { id: r.followUpId, title: r.title, body: r.body, urgency: r.overdue ? 'critical' : 'normal' };
}

/** More reminders than this coming due at once are announced as one summary popup. */
export const MAX_SEPARATE_POPUPS = 3;
export const SUMMARY_NOTIFICATION_ID = 'due-summary';

export function summaryNotification(reminders: readonly RaisedReminder[]): DeskNotification {
  const overdue = reminders.filter((r) => r.overdue).length;
  const shown = reminders.slice(0, 3).map((r) => r.title).join('; ');
  return {
    id: SUMMARY_NOTIFICATION_ID,
    title: `${reminders.length} follow-ups due${overdue > 0 ? ` (${overdue} overdue)` : ''}`,
    body: `${shown}${reminders.length > 3 ? '; …' : ''}`,
    urgency: overdue > 0 ? 'critical' : 'normal',
  };
}
