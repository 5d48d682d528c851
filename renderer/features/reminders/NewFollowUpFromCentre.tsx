import { useState } from 'react';
import type { Patron } from '@shared/domain/patron';
import { useDesk } from '../../app/deskContext';
import { Field } from '../../app/ui/Field';
import { FollowUpForm } from '../followups/FollowUpForm';
import { usePatronSearch } from '../search/usePatronSearch';

/** Creating a follow-up from the reminder centre: pick the patron, then the usual form. */
export function NewFollowUpFromCentre() {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [patron, setPatron] = useState<Patron | null>(null);
  const { db } = useDesk();
  const { results } = usePatronSearch(query);
  // Results are display rows; the form needs the whole record.
  const choose = (id: string) => {
    db.patrons.get(id).then((p) => p && setPatron(p), (err: unknown) => console.error('patron not read', err));
  };
  const close = () => { setOpen(false); setPatron(null); setQuery(''); };
  if (!open) return <button type="button" onClick={() => setOpen(true)}>New follow-up…</button>;
  if (patron) return <FollowUpForm patron={patron} onDone={close} />;
  return (
    <div className="panel">
      <Field label="Follow up with (name, card, phone or email)">
        {(p) => <input {...p} value={query} onChange={(e) => setQuery(e.target.value)} autoFocus autoComplete="off" />}
      </Field>
      <ul aria-label="Patrons to follow up with">
        {results.slice(0, 8).map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => choose(p.id)}>{p.name}{p.cardNumber && ` · Card ${p.cardNumber}`}</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={close}>Cancel</button>
    </div>
  );
}
