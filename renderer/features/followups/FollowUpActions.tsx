import { useLiveQuery } from 'dexie-react-hooks';
import { format } from 'date-fns';
import { useState } from 'react';
import { describeAssignee, OUTCOME_LABELS, type Outcome } from '@shared/followups/followUp';
import { activeClaim } from '@shared/followups/foldFollowUp';
import { useDesk, useDeskState } from '../../app/deskContext';
import { Field } from '../../app/ui/Field';
import { readKnownStaff } from '../../db/deskMeta';
import type { FollowUpWithState } from '../../db/followUpsRepo';
import { snoozeChoices } from './snoozeTimes';
import { useFollowUpAction } from './useFollowUpAction';
import { whenOrThrow, WhenInput } from './WhenInput';

const DONE_OUTCOMES: Outcome[] = ['reached', 'left-message', 'emailed', 'letter-sent', 'declined'];

/** Every action on a follow-up: outcomes in one click, retry, snooze, claim, reassign, cancel, reopen. */
export function FollowUpActions({ item }: { item: FollowUpWithState }) {
  const { state, followUp } = item;
  const { act, error, busy } = useFollowUpAction(followUp.id);
  if (state.status !== 'open') return <ReopenControl item={item} />;
  return (
    <div className="follow-up-actions">
      <ClaimControl item={item} />
      <OutcomeControls followUpId={followUp.id} act={act} busy={busy} />
      <SnoozeControls act={act} busy={busy} />
      <ReassignControl act={act} busy={busy} current={describeAssignee(state.assignee)} />
      <CancelControl act={act} busy={busy} />
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  );
}

type Act = ReturnType<typeof useFollowUpAction>['act'];

function ClaimControl({ item }: { item: FollowUpWithState }) {
  const { now, store } = useDesk();
  const me = useDeskState((s) => s.staff);
  const { act, busy } = useFollowUpAction(item.followUp.id);
  const claim = activeClaim(item.state, now());
  const deskId = store.getState().desk?.id;
  if (claim && !(claim.staff === me && claim.deskId === deskId)) {
    return <p className="claim" role="status">{claim.staff} is contacting them now (until {format(claim.until, 'HH:mm')})</p>;
  }
  return claim ? (
    <div className="row">
      <p className="claim" role="status">You are contacting them (until {format(claim.until, 'HH:mm')})</p>
      <button type="button" disabled={busy} onClick={() => void act({ type: 'claimed' })}>Still on it</button>
      <button type="button" disabled={busy} onClick={() => void act({ type: 'released' })}>Release</button>
    </div>
  ) : (
    <button type="button" disabled={busy} onClick={() => void act({ type: 'claimed' }, 'Claimed: other desks see you are on it.')}>
      I'm contacting them now
    </button>
  );
}

function OutcomeControls({ act, busy }: { followUpId: string; act: Act; busy: boolean }) {
  const { now } = useDesk();
  const [comment, setComment] = useState('');
  const [retry, setRetry] = useState('tomorrow 10:00');
  const [retryError, setRetryError] = useState<string | undefined>();
  async function attempt(outcome: Outcome) {
    try {
      const retryAt = whenOrThrow(retry, now());
      setRetryError(undefined);
      if (await act({ type: 'attempted', outcome, comment, retryAt }, `${OUTCOME_LABELS[outcome]} logged; it comes back ${format(retryAt, 'EEE HH:mm')}.`)) setComment('');
    } catch (err) {
      setRetryError((err as Error).message);
    }
  }
  return (
    <fieldset className="outcomes">
      <legend>Log the outcome</legend>
      <Field label="Comment (optional)">
        {(p) => <input {...p} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <div className="row" role="group" aria-label="Done with outcome">
        {DONE_OUTCOMES.map((o) => (
          <button key={o} type="button" className="primary" disabled={busy} onClick={() => void act({ type: 'done', outcome: o, comment }, `Done: ${OUTCOME_LABELS[o]}.`)}>
            Done — {OUTCOME_LABELS[o]}
          </button>
        ))}
      </div>
      <div className="row" role="group" aria-label="Try again later">
        <WhenInput label="Try again at" value={retry} onChange={setRetry} now={now()} error={retryError} />
        <button type="button" disabled={busy} onClick={() => void attempt('no-answer')}>No answer — try again</button>
        <button type="button" disabled={busy} onClick={() => void attempt('wrong-number')}>Wrong number</button>
      </div>
    </fieldset>
  );
}

function SnoozeControls({ act, busy }: { act: Act; busy: boolean }) {
  const { now } = useDesk();
  const [pick, setPick] = useState('');
  const [pickError, setPickError] = useState<string | undefined>();
  return (
    <div className="row" role="group" aria-label="Snooze">
      {snoozeChoices(now()).map((c) => (
        <button key={c.label} type="button" disabled={busy} onClick={() => void act({ type: 'snoozed', until: c.until }, `Snoozed until ${format(c.until, 'EEE HH:mm')}.`)}>
          Snooze {c.label}
        </button>
      ))}
      <WhenInput label="Snooze until" value={pick} onChange={setPick} now={now()} error={pickError} />
      <button type="button" disabled={busy || pick.trim() === ''} onClick={() => {
        try {
          const until = whenOrThrow(pick, now());
          setPickError(undefined);
          void act({ type: 'snoozed', until }, `Snoozed until ${format(until, 'EEE d MMM HH:mm')}.`);
        } catch (err) {
          setPickError((err as Error).message);
        }
      }}>Snooze</button>
    </div>
  );
}

function ReassignControl({ act, busy, current }: { act: Act; busy: boolean; current: string }) {
  const { db } = useDesk();
  const staff = useLiveQuery(() => readKnownStaff(db), [db]) ?? [];
  const [to, setTo] = useState('queue');
  return (
    <div className="row" role="group" aria-label="Reassign">
      <Field label={`Reassign (now: ${current})`}>
        {(p) => (
          <select {...p} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="queue">Desk queue</option>
            {staff.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        )}
      </Field>
      <button type="button" disabled={busy} onClick={() => void act({ type: 'reassigned', to: to === 'queue' ? { kind: 'queue' } : { kind: 'staff', name: to } }, 'Reassigned.')}>
        Reassign
      </button>
    </div>
  );
}

function CancelControl({ act, busy }: { act: Act; busy: boolean }) {
  const [reason, setReason] = useState('');
  return (
    <div className="row" role="group" aria-label="Cancel follow-up">
      <Field label="Cancel because">
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <button type="button" disabled={busy} onClick={() => void act({ type: 'cancelled', reason }, 'Follow-up cancelled.')}>Cancel follow-up</button>
    </div>
  );
}

function ReopenControl({ item }: { item: FollowUpWithState }) {
  const { act, error, busy } = useFollowUpAction(item.followUp.id);
  return (
    <div className="row">
      <button type="button" disabled={busy} onClick={() => void act({ type: 'reopened' }, 'Reopened: due now.')}>Reopen</button>
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  );
}
