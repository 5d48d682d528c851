import { format } from 'date-fns';
import { useState, type FormEvent } from 'react';
import { displayName } from '@shared/domain/patron';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { defaultChannel } from '@shared/followups/channelRules';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { navigate } from '../../app/routes';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { createCampaign } from '../../db/campaignsRepo';
import { whenOrThrow, WhenInput } from '../followups/WhenInput';
import { campaignOutcome } from './campaignOutcome';
import { useNotSeenList, type NotSeenList } from './useNotSeenList';

const PAGE = 200;

/** "We miss you": find who we haven't seen for N months, review the list, create the follow-ups as one campaign. */
export function WeMissYouPage() {
  const { db, now, store } = useDesk();
  const ctx = useWriteContext();
  const [months, setMonths] = useState('12');
  const { list, unticked, find, showMore, toggle, chosenCount, chosenIds } = useNotSeenList(db, PAGE);
  const [name, setName] = useState(() => `We miss you — ${format(now(), 'MMM yyyy')}`);
  const [when, setWhen] = useState('tomorrow 10:00');
  const [message, setMessage] = useState("We haven't seen you for a while and wanted to say hello: here is what's new…");
  const search = useSubmit('Could not search');
  const more = useSubmit('Could not show more');
  const create = useSubmit();

  async function onFind(e: FormEvent) {
    e.preventDefault();
    await search.submit(async () => {
      const n = Number(months);
      if (!Number.isInteger(n) || n < 1 || n > 120) throw new Error('Months must be a whole number from 1 to 120');
      await find(n, now());
    });
  }

  async function createAll() {
    const ok = await create.submit(async () => {
      if (name.trim() === '') throw new Error('Name the campaign');
      const dueAt = whenOrThrow(when, now());
      const result = await createCampaign(db, ctx, { name, dueAt, message, patronIds: chosenIds() });
      store.getState().showToast(campaignOutcome(result));
    });
    if (ok) navigate({ name: 'reminders' });
  }

  return (
    <section className="page" aria-labelledby="wmy-title">
      <h1 id="wmy-title">We miss you</h1>
      <form className="row" onSubmit={onFind} aria-label="Find patrons not seen">
        <Field label="No contact for (months)" error={search.formError ?? undefined}>
          {(p) => <input {...p} type="number" min={1} max={120} value={months} onChange={(e) => setMonths(e.target.value)} />}
        </Field>
        <button type="submit" disabled={search.busy}>Find patrons</button>
      </form>
      {list && (
        <section className="panel" aria-label="Campaign">
          <p role="status">{listStatus(list, chosenCount)}</p>
          <ul className="campaign-list" aria-label="Patrons to contact">
            {list.rows.map((p) => (
              <li key={p.id}>
                <label>
                  <input type="checkbox" checked={!unticked.has(p.id)} onChange={() => toggle(p.id)} />
                  {displayName(p)} — last contact {format(p.lastContactAt, 'd MMM yyyy')} · {CHANNEL_LABELS[defaultChannel(p, now())]}
                </label>
              </li>
            ))}
          </ul>
          <FormError message={more.formError} />
          {list.ids && list.read < list.ids.length && (
            <button type="button" disabled={more.busy} onClick={() => void more.submit(showMore)}>
              Show {Math.min(PAGE, list.ids.length - list.read)} more (of {list.ids.length - list.read} not shown, all ticked unless unticked)
            </button>
          )}
          <Field label="Campaign name">{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}</Field>
          <WhenInput label="Contact them from" value={when} onChange={setWhen} now={now()} />
          <Field label="Message">{(p) => <textarea {...p} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />}</Field>
          <FormError message={create.formError} />
          <button type="button" className="primary" disabled={create.busy || !chosenCount} onClick={() => void createAll()}>
            {chosenCount === undefined ? 'Create follow-ups' : `Create ${chosenCount} follow-ups`}
          </button>
        </section>
      )}
    </section>
  );
}

/** The live line above the list: counting, the count and how many are ticked, or why counting failed. */
function listStatus(list: NotSeenList, chosenCount: number | undefined): string {
  if (list.countError !== undefined) return `Could not count them: ${list.countError}`;
  if (list.ids === undefined || chosenCount === undefined) return `Counting patrons with no contact for ${list.months} months…`;
  return `${list.ids.length} patrons with no contact for ${list.months} months (do-not-contact left out); ${chosenCount} ticked.`;
}
