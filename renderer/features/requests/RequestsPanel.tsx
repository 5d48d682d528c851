import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { localDayOf } from '@shared/domain/flags';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { formatDay, formatStamp } from '../../app/ui/format';
import { addRequest, deleteRequest, requestsOfPatron, restoreRequest } from '../../db/requestsRepo';

/** "Asked for: <resource>" with the date; the resource-arrived workflow later turns these into follow-ups. */
export function RequestsPanel({ patronId }: { patronId: string }) {
  const { db, now, store } = useDesk();
  const ctx = useWriteContext();
  const requests = useLiveQuery(() => requestsOfPatron(db, patronId), [db, patronId]) ?? [];
  const [resource, setResource] = useState('');
  const [requestedOn, setRequestedOn] = useState(() => localDayOf(now()));
  const { errors, formError, busy, submit } = useSubmit();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (await submit(() => addRequest(db, ctx, patronId, { resource, requestedOn }))) setResource('');
  }

  async function remove(id: string) {
    await deleteRequest(db, ctx, id);
    store.getState().showToast('Request removed.', { label: 'Undo', run: () => void restoreRequest(db, id) });
  }

  return (
    <section className="panel" aria-labelledby="requests-title">
      <h2 id="requests-title">Requests</h2>
      {requests.length > 0 && (
        <ul aria-label="Requests">
          {requests.map((r) => (
            <li key={r.id}>
              Asked for: <strong>{r.resource}</strong> on {formatDay(r.requestedOn)}
              {r.notified && <span className="meta"> · told {formatStamp(r.notified)}</span>}
              <button type="button" onClick={() => void remove(r.id)} aria-label={`Remove request: ${r.resource}`}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} className="row" aria-label="Add request">
        <Field label="Asked for" error={errors.resource} hint="Title or identifier of the resource">
          {(p) => <input {...p} value={resource} onChange={(e) => setResource(e.target.value)} />}
        </Field>
        <Field label="Asked on" error={errors.requestedOn}>
          {(p) => <input {...p} type="date" value={requestedOn} onChange={(e) => setRequestedOn(e.target.value)} />}
        </Field>
        <button type="submit" disabled={busy}>Add request</button>
      </form>
      <FormError message={formError} />
    </section>
  );
}
