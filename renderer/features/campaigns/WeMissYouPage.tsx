import { format } from 'date-fns';
import { useState, type FormEvent } from 'react';
import { displayName, type Patron } from '@shared/domain/patron';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { defaultChannel } from '@shared/followups/channelRules';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { navigate } from '../../app/routes';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { patronsNotSeenFor } from '../../db/campaignsRepo';
import { createFollowUps } from '../../db/followUpsRepo';
import { newId } from '../../db/ids';
import { whenOrThrow, WhenInput } from '../followups/WhenInput';

const PAGE = 200;

/** "We miss you": find who we haven't seen for N months, review the list, create the follow-ups as one campaign. */
export function WeMissYouPage() {
  const { db, now } = useDesk();
  const ctx = useWriteContext();
  const [months, setMonths] = useState('12');
  const [found, setFound] = useState<Patron[] | null>(null);
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  // Tens of thousands of rows would freeze the page: review them a page at a time.
  const [shown, setShown] = useState(PAGE);
  const [name, setName] = useState(() => `We miss you — ${format(now(), 'MMM yyyy')}`);
  const [when, setWhen] = useState('tomorrow 10:00');
  const [message, setMessage] = useState("We haven't seen you for a while and wanted to say hello: here is what's new…");
  const search = useSubmit('Could not search');
  const create = useSubmit();

  async function find(e: FormEvent) {
    e.preventDefault();
    await search.submit(async () => {
      const n = Number(months);
      if (!Number.isInteger(n) || n < 1 || n > 120) throw new Error('Months must be a whole number from 1 to 120');
      setFound(await patronsNotSeenFor(db, n, now()));
      setUnticked(new Set());
      setShown(PAGE);
    });
  }

  const chosen = (found ?? []).filter((p) => !unticked.has(p.id));
  async function createCampaign() {
    const ok = await create.submit(async () => {
      if (name.trim() === '') throw new Error('Name the campaign');
      const dueAt = whenOrThrow(when, now());
      const campaignId = newId();
      await createFollowUps(db, ctx, chosen.map((p) => ({
        patronId: p.id, reason: name.trim(), dueAt, channel: defaultChannel(p, now()), assignee: { kind: 'queue' },
        source: { kind: 'campaign', campaignId, name: name.trim() }, message,
      })));
    });
    if (ok) navigate({ name: 'reminders' });
  }

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
          <p role="status">{found.length} patrons with no contact for {months} months (do-not-contact left out); {chosen.length} ticked.</p>
          <ul className="campaign-list" aria-label="Patrons to contact">
            {found.slice(0, shown).map((p) => (
              <li key={p.id}>
                <label>
                  <input type="checkbox" checked={!unticked.has(p.id)} onChange={() => setUnticked((s) => { const n = new Set(s); if (n.has(p.id)) n.delete(p.id); else n.add(p.id); return n; })} />
                  {displayName(p)} — last contact {format(p.lastContactAt, 'd MMM yyyy')} · {CHANNEL_LABELS[defaultChannel(p, now())]}
                </label>
              </li>
            ))}
          </ul>
          {found.length > shown && (
            <button type="button" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, found.length - shown)} more (of {found.length - shown} not shown, all ticked unless unticked)
            </button>
          )}
          <Field label="Campaign name">{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
          <WhenInput label="Contact them from" value={when} onChange={setWhen} now={now()} />
          <Field label="Message">{(p) => <textarea {...p} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />}</Field>
          <FormError message={create.formError} />
          <button type="button" className="primary" disabled={create.busy || chosen.length === 0} onClick={() => void createCampaign()}>
            Create {chosen.length} follow-ups
          </button>
        </section>
      )}
    </section>
  );
}
