import { useState, type FormEvent } from 'react';
import { CHANNEL_LABELS, CHANNELS, type Channel } from '@shared/domain/channels';
import { WEEKDAY_LABELS, WEEKDAYS, type BestTime, type Weekday } from '@shared/domain/contactPreferences';
import type { Patron } from '@shared/domain/patron';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { setContactPreferences } from '../../db/patronsRepo';

interface RankedChannel {
  channel: Channel;
  used: boolean;
}

/** All channels, the patron's ranked ones first, so ranking is "tick and move up". */
function initialRanking(ranked: readonly Channel[]): RankedChannel[] {
  return [
    ...ranked.map((channel) => ({ channel, used: true })),
    ...CHANNELS.filter((c) => !ranked.includes(c)).map((channel) => ({ channel, used: false })),
  ];
}

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** Edits preferred channels (ranked), best times to call and a free note. */
export function PreferencesEditor({ patron, onDone }: { patron: Patron; onDone: () => void }) {
  const { db } = useDesk();
  const ctx = useWriteContext();
  const [ranking, setRanking] = useState(() => initialRanking(patron.contact.channels));
  const [times, setTimes] = useState<BestTime[]>(patron.contact.bestTimes);
  const [note, setNote] = useState(patron.contact.note);
  const { errors, formError, busy, submit } = useSubmit();

  const setTime = (i: number, change: Partial<BestTime>) => setTimes(times.map((t, j) => (j === i ? { ...t, ...change } : t)));
  const toggleDay = (i: number, day: Weekday) => {
    const days = times[i]?.days ?? [];
    setTime(i, { days: days.includes(day) ? days.filter((d) => d !== day) : [...days, day] });
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const channels = ranking.filter((r) => r.used).map((r) => r.channel);
    if (await submit(() => setContactPreferences(db, ctx, patron.id, { channels, bestTimes: times, note }))) onDone();
  }

  return (
    <form onSubmit={onSubmit} className="inline-form" aria-label="Contact preferences">
      <fieldset>
        <legend>Preferred channels, best first</legend>
        <ol className="ranking">
          {ranking.map((r, i) => (
            <li key={r.channel}>
              <label>
                <input type="checkbox" checked={r.used} onChange={() => setRanking(ranking.map((x, j) => (j === i ? { ...x, used: !x.used } : x)))} />
                {CHANNEL_LABELS[r.channel]}
              </label>
              <button type="button" aria-label={`Move ${CHANNEL_LABELS[r.channel]} up`} disabled={i === 0} onClick={() => setRanking(move(ranking, i, i - 1))}>↑</button>
              <button type="button" aria-label={`Move ${CHANNEL_LABELS[r.channel]} down`} disabled={i === ranking.length - 1} onClick={() => setRanking(move(ranking, i, i + 1))}>↓</button>
            </li>
          ))}
        </ol>
        {errors.channels && <p className="field__error" role="alert">{errors.channels}</p>}
      </fieldset>
      <fieldset>
        <legend>Best times to call</legend>
        {times.map((t, i) => (
          <div className="row" key={i} role="group" aria-label={`Time window ${i + 1}`}>
            <div className="days">
              {WEEKDAYS.map((d) => (
                <label key={d}>
                  <input type="checkbox" checked={t.days.includes(d)} onChange={() => toggleDay(i, d)} />
                  {WEEKDAY_LABELS[d]}
                </label>
              ))}
              {errors[`bestTimes.${i}.days`] && <p className="field__error">{errors[`bestTimes.${i}.days`]}</p>}
            </div>
            <Field label={`From (window ${i + 1})`} error={errors[`bestTimes.${i}.from`]}>
              {(p) => <input {...p} type="time" value={t.from} onChange={(e) => setTime(i, { from: e.target.value })} />}
            </Field>
            <Field label={`To (window ${i + 1})`} error={errors[`bestTimes.${i}.to`]}>
              {(p) => <input {...p} type="time" value={t.to} onChange={(e) => setTime(i, { to: e.target.value })} />}
            </Field>
            <button type="button" onClick={() => setTimes(times.filter((_, j) => j !== i))}>Remove window {i + 1}</button>
          </div>
        ))}
        <button type="button" onClick={() => setTimes([...times, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '10:00', to: '12:00' }])}>
          Add time window
        </button>
      </fieldset>
      <Field label="Contact note" error={errors.note} hint="e.g. let it ring: she is slow to the phone">
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <FormError message={formError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Save preferences</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
