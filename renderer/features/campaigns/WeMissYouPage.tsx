import { format } from 'date-fns';
import { useState, type FormEvent } from 'react';
import { displayName, type Patron } from '@shared/domain/patron';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { defaultChannel } from '@shared/followups/channelRules';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { navigate } from '../../app/routes';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { createCampaign, patronsInOrder, patronsNotSeenFor } from '../../db/campaignsRepo';
import { whenOrThrow, WhenInput } from '../followups/WhenInput';
import { campaignOutcome } from './campaignOutcome';

const PAGE = 200;

/** Who the search found: every id, in order, and the rows read so far (a page at a time). */
interface Found {
  months: number;
  ids: string[];
  /** How many of `ids` have been read into `rows` (rows can be fewer: someone erased meanwhile). */
  read: number;
  rows: Patron[];
}

/**
 * "We miss you": find who we haven't seen for N months, review the list, create the
 * follow-ups as one campaign. Tens of thousands can qualify, so the search keeps only
 * their ids, the list shows them a page at a time, and the selection is "everyone but
 * the unticked" — ticking never needs a row that is not on screen.
 */
export function WeMissYouPage() {
  const { db, now, store } = useDesk();
  const ctx = useWriteContext();
  const [months, setMonths] = useState('12');
  const [found, setFound] = useState<Found | null>(null);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [name, setName] = useState(() => `We miss you — ${format(now(), 'MMM yyyy')}`);
  const [when, setWhen] = useState('tomorrow 10:00');
  const [message, setMessage] = useState("We haven't seen you for a while and wanted to say hello: here is what's new…");
  const search = useSubmit('Could not search');
  const more = useSubmit('Could not show more');
  const create = useSubmit();

  async function find(e: FormEvent) {
    e.preventDefault();
    await search.submit(async () => {
      const n = Number(months);
      if (!Number.isInteger(n) || n < 1 || n > 120) throw new Error('Months must be a whole number from 1 to 120');
      const ids = await patronsNotSeenFor(db, n, now());
      const first = ids.slice(0, PAGE);
      setFound({ months: n, ids, read: first.length, rows: await patronsInOrder(db, first) });
      setUnticked(new Set());
    });
  }

  async function showMore(list: Found) {
    await more.submit(async () => {
      const next = list.ids.slice(list.read, list.read + PAGE);
      const rows = await patronsInOrder(db, next);
      setFound({ ...list, read: list.read + next.length, rows: [...list.rows, ...rows] });
    });
  }

  function toggle(id: string) {
    setUnticked((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }

  // Only listed rows can be unticked, so the unticked set is always a subset of the ids.
  const chosenCount = found ? found.ids.length - unticked.size : 0;
  async function createAll(list: Found) {
    const ok = await create.submit(async () => {
      if (name.trim() === '') throw new Error('Name the campaign');
      const dueAt = whenOrThrow(when, now());
      const patronIds = list.ids.filter((id) => !unticked.has(id));
      const result = await createCampaign(db, ctx, { name, dueAt, message, patronIds });
      store.getState().showToast(campaignOutcome(result));
    });
    if (ok) navigate({ name: 'reminders' });
  }

  const notRead = found ? found.ids.length - found.read : 0;
  return (
    <section className="page" aria-labelledby="wmy-title">
      <h1 id="wmy-title">We miss you</h1>
      <form className="row" onSubmit={find} aria-label="Find patrons not seen">
        <Field label="No contact for (months)" error={search.formError ?? undefined}>
          {(p) => <input {...p} type="number" min={1} max={120} value={months} onChange={(e) => setMonths(e.target.value)} />}
        </Field>
        <button type="submit" disabled={search.busy}>Find patrons</button>
      </form>
      {found && (
        <section className="panel" aria-label="Campaign">
          <p role="status">{found.ids.length} patrons with no contact for {found.months} months (do-not-contact left out); {chosenCount} ticked.</p>
          <ul className="campaign-list" aria-label="Patrons to contact">
            {found.rows.map((p) => (
              <li key={p.id}>
                <label>
                  <input type="checkbox" checked={!unticked.has(p.id)} onChange={() => toggle(p.id)} />
                  {displayName(p)} — last contact {format(p.lastContactAt, 'd MMM yyyy')} · {CHANNEL_LABELS[defaultChannel(p, now())]}
                </label>
              </li>
            ))}
          </ul>
          <FormError message={more.formError} />
          {notRead > 0 && (
            <button type="button" disabled={more.busy} onClick={() => void showMore(found)}>
              Show {Math.min(PAGE, notRead)} more (of {notRead} not shown, all ticked unless unticked)
            </button>
          )}
          <Field label="Campaign name">{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
          <WhenInput label="Contact them from" value={when} onChange={setWhen} now={now()} />
          <Field label="Message">{(p) => <textarea {...p} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />}</Field>
          <FormError message={create.formError} />
          <button type="button" className="primary" disabled={create.busy || chosenCount === 0} onClick={() => void createAll(found)}>
            Create {chosenCount} follow-ups
          </button>
        </section>
      )}
    </section>
  );
}
