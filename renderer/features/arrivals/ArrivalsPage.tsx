import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { FLAG_LABELS, isFlagActive } from '@shared/domain/flags';
import { displayName } from '@shared/domain/patron';
import type { PatronRequest } from '@shared/domain/request';
import { contactDetailFor, defaultChannel, isDoNotContact } from '@shared/followups/channelRules';
import { useDesk, useDeskState, useWriteContext } from '../../app/deskContext';
import { navigate } from '../../app/routes';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { formatDay } from '../../app/ui/format';
import { markArrived, openRequestsMatching } from '../../db/arrivalsRepo';
import { whenOrThrow, WhenInput } from '../followups/WhenInput';
import { arrivalMessage } from './arrivalMessage';

/** Staff mark a resource as arrived; everyone who asked for it gets a follow-up through their own channel. */
export function ArrivalsPage() {
  const { db } = useDesk();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const groups = useLiveQuery(() => openRequestsMatching(db, query), [db, query]) ?? [];
  const group = groups.find((g) => g.resource === chosen);
  return (
    <section className="page" aria-labelledby="arrivals-title">
      <h1 id="arrivals-title">It has arrived</h1>
      <Field label="Resource title or identifier" hint="Find the requests waiting for it">
        {(p) => <input {...p} value={query} onChange={(e) => { setQuery(e.target.value); setChosen(null); }} autoFocus />}
      </Field>
      <ul aria-label="Requested resources">
        {groups.map((g) => (
          <li key={g.resource}>
            <button type="button" aria-pressed={g.resource === chosen} onClick={() => setChosen(g.resource)}>
              {g.resource} — {g.requests.length} waiting
            </button>
          </li>
        ))}
      </ul>
      {group && <ArrivalPreview key={group.resource} resource={group.resource} requests={group.requests} />}
    </section>
  );
}

function ArrivalPreview({ resource, requests }: { resource: string; requests: PatronRequest[] }) {
  const { db, now } = useDesk();
  const ctx = useWriteContext();
  const deskName = useDeskState((s) => s.desk?.name) ?? 'desk';
  const loaded = useLiveQuery(() => db.patrons.bulkGet(requests.map((r) => r.patronId)), [db, requests]);
  const patrons = loaded ?? [];
  const [when, setWhen] = useState('in 15 min');
  const { formError, busy, submit } = useSubmit();
  const at = now();
  const rows = requests.map((request, i) => {
    const patron = patrons[i];
    const skip = patron && isDoNotContact(patron, at) ? patron.flags.find((f) => f.kind === 'do-not-contact' && isFlagActive(f, at)) : undefined;
    const channel = patron ? defaultChannel(patron, at) : 'phone';
    return { request, patron, skip, channel };
  });
  const toNotify = rows.filter((r) => r.patron && !r.skip);

  async function create() {
    const ok = await submit(async () => {
      const dueAt = whenOrThrow(when, now());
      await markArrived(db, ctx, toNotify.map(({ request, channel }) => ({
        request,
        input: {
          patronId: request.patronId, reason: `Tell them "${resource}" has arrived`, dueAt, channel, assignee: { kind: 'queue' },
          source: { kind: 'request', requestId: request.id, resource }, message: arrivalMessage(resource, request.requestedOn, deskName),
        },
      })));
    });
    if (ok) navigate({ name: 'reminders' });
  }

  if (loaded === undefined) return <p role="status">Looking up who asked…</p>;
  return (
    <section className="panel" aria-label={`Who asked for ${resource}`}>
      <h2>Who asked for “{resource}”</h2>
      <ul aria-label="Requesters">
        {rows.map(({ request, patron, skip, channel }) => (
          <li key={request.id}>
            <strong>{patron ? displayName(patron) : 'Unknown patron'}</strong> — asked {formatDay(request.requestedOn)} ·{' '}
            {skip ? (
              <span className="warn">Skipped: {FLAG_LABELS[skip.kind]}{skip.reason ? ` — ${skip.reason}` : ''}</span>
            ) : (
              <span>{CHANNEL_LABELS[channel]}{patron ? `: ${contactDetailFor(channel, patron).split('\n')[0]}` : ''}</span>
            )}
          </li>
        ))}
      </ul>
      <WhenInput label="Contact them" value={when} onChange={setWhen} now={at} />
      <FormError message={formError} />
      <button type="button" className="primary" disabled={busy || toNotify.length === 0} onClick={() => void create()}>
        Mark arrived and create {toNotify.length} follow-up{toNotify.length === 1 ? '' : 's'}
      </button>
    </section>
  );
}
