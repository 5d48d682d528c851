import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { CHANNEL_LABELS, CHANNELS, type Channel } from '@shared/domain/channels';
import { FLAG_LABELS } from '@shared/domain/flags';
import type { Patron } from '@shared/domain/patron';
import { validationError } from '@shared/errors/deskError';
import { defaultChannel, flagsForbidding } from '@shared/followups/channelRules';
import type { Assignee } from '@shared/followups/followUp';
import { parseQuickWhen } from '@shared/followups/quickWhen';
import { recurrenceFor, type RecurrenceChoice } from '@shared/followups/recurrence';
import { useDesk, useDeskState, useWriteContext } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { readKnownStaff } from '../../db/deskMeta';
import { createFollowUp } from '../../db/followUpsRepo';
import { WhenInput } from './WhenInput';

const REPEATS: { value: string; label: (weekday: string) => string; choice?: RecurrenceChoice }[] = [
  { value: 'none', label: () => 'Does not repeat' },
  { value: 'daily', label: () => 'Every day', choice: { kind: 'daily' } },
  { value: 'weekly', label: (d) => `Every ${d}`, choice: { kind: 'weekly' } },
  { value: 'monthly', label: () => 'Every month on this date', choice: { kind: 'monthly' } },
  ...([1, 2, 3, 4, -1] as const).map((nth) => ({
    value: `nth${nth}`,
    label: (d: string) => `${{ 1: '1st', 2: '2nd', 3: '3rd', 4: '4th', [-1]: 'Last' }[nth]} ${d} of the month`,
    choice: { kind: 'nth-weekday', nth } as RecurrenceChoice,
  })),
];

/** "Phone Prof. Y on Friday 10:00: book due back." Channel defaults to the patron's preferred one. */
export function FollowUpForm({ patron, onDone }: { patron: Patron; onDone: () => void }) {
  const { db, now } = useDesk();
  const ctx = useWriteContext();
  const me = useDeskState((s) => s.staff) ?? '';
  const colleagues = (useLiveQuery(() => readKnownStaff(db), [db]) ?? []).filter((n) => n !== me);
  const [reason, setReason] = useState('');
  const [when, setWhen] = useState('tomorrow 10:00');
  const [channel, setChannel] = useState<Channel>(() => defaultChannel(patron, now()));
  const [overrideReason, setOverrideReason] = useState('');
  const [assignTo, setAssignTo] = useState('me');
  const [repeat, setRepeat] = useState('none');
  const [message, setMessage] = useState('');
  const { errors, formError, busy, submit } = useSubmit();
  const forbidding = flagsForbidding(channel, patron.flags, now());
  const parsedWhen = parseQuickWhen(when, now());
  const weekday = parsedWhen.ok ? new Date(parsedWhen.at).toLocaleDateString('en-GB', { weekday: 'long' }) : 'weekday';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit(async () => {
      if (!parsedWhen.ok) throw validationError([{ field: 'when', message: parsedWhen.message }]);
      const assignee: Assignee = assignTo === 'queue' ? { kind: 'queue' } : { kind: 'staff', name: assignTo === 'me' ? me : assignTo };
      const choice = REPEATS.find((r) => r.value === repeat)?.choice;
      await createFollowUp(db, ctx, {
        patronId: patron.id, reason, dueAt: parsedWhen.at, channel, overrideReason, assignee, message,
        ...(choice ? { recurrence: recurrenceFor(choice, parsedWhen.at) } : {}),
      });
    });
    if (ok) onDone();
  }

  return (
    <form className="inline-form panel" onSubmit={onSubmit} aria-label="New follow-up">
      <Field label="Reason" error={errors.reason} hint="What to tell or ask them, e.g. book due back">
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />}
      </Field>
      <div className="row">
        <WhenInput label="When" value={when} onChange={setWhen} now={now()} error={errors.when} />
        <Field label="Channel" error={errors.channel}>
          {(p) => (
            <select {...p} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {CHANNELS.map((c) => <option key={c} value={c}>{CHANNEL_LABELS[c]}</option>)}
            </select>
          )}
        </Field>
        <Field label="Assign to">
          {(p) => (
            <select {...p} value={assignTo} onChange={(e) => setAssignTo(e.target.value)}>
              <option value="me">Me ({me})</option>
              <option value="queue">Desk queue</option>
              {colleagues.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          )}
        </Field>
        <Field label="Repeat">
          {(p) => (
            <select {...p} value={repeat} onChange={(e) => setRepeat(e.target.value)}>
              {REPEATS.map((r) => <option key={r.value} value={r.value}>{r.label(weekday)}</option>)}
            </select>
          )}
        </Field>
      </div>
      {forbidding.length > 0 && (
        <div className="flag" role="alert">
          <strong>Careful:</strong> {forbidding.map((f) => `${FLAG_LABELS[f.kind]}${f.reason ? ` — ${f.reason}` : ''}`).join('; ')}
        </div>
      )}
      {forbidding.length > 0 && (
        <Field label="Reason to use this channel anyway" error={errors.overrideReason}>
          {(p) => <input {...p} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />}
        </Field>
      )}
      <Field label="Message (optional)" error={errors.message} hint="Ready-to-use wording for the call, email or letter">
        {(p) => <textarea {...p} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />}
      </Field>
      <FormError message={formError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Create follow-up</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
