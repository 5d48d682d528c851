import { addDays, set } from 'date-fns';
import { useDesk } from '../../app/deskContext';
import { hrefOf } from '../../app/routes';
import { useFollowUpAction } from '../followups/useFollowUpAction';

/** The one-click actions a popup offers: done (reached), no answer (try tomorrow), snooze, open. */
export function QuickActions({ followUpId, label }: { followUpId: string; label: string }) {
  const { now } = useDesk();
  const { act, error, busy } = useFollowUpAction(followUpId);
  const tomorrow10 = set(addDays(now(), 1), { hours: 10, minutes: 0, seconds: 0, milliseconds: 0 }).getTime();
  return (
    <div className="row quick-actions" role="group" aria-label={`Actions for ${label}`}>
      <button type="button" className="primary" disabled={busy} onClick={() => void act({ type: 'done', outcome: 'reached' }, 'Done: reached.')}>Done — reached</button>
      <button type="button" disabled={busy} onClick={() => void act({ type: 'attempted', outcome: 'no-answer', retryAt: tomorrow10 }, 'No answer logged; back tomorrow 10:00.')}>No answer, try tomorrow</button>
      <button type="button" disabled={busy} onClick={() => void act({ type: 'snoozed', until: now() + 15 * 60_000 }, 'Snoozed 15 minutes.')}>Snooze 15 min</button>
      <button type="button" disabled={busy} onClick={() => void act({ type: 'claimed' }, 'Claimed.')}>I'm contacting them now</button>
      <a className="button" href={hrefOf({ name: 'follow-up', id: followUpId })}>Open</a>
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  );
}
