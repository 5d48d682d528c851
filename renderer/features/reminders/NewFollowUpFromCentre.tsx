import { useState } from 'react';
import { displayName, type Patron } from '@shared/domain/patron';
import { Field } from '../../app/ui/Field';
import { FollowUpForm } from '../followups/FollowUpForm';
import { usePatronSearch } from '../search/usePatronSearch';

/** Creating a follow-up from the reminder centre: pick the patron, then the usual form. */
export function NewFollowUpFromCentre() {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [patron, setPatron] = useState<Patron | null>(null);
  const { results } = usePatronSearch(query);
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
            <button type="button" onClick={() => setPatron(p)}>{displayName(p)}{p.cardNumber && ` · Card ${p.cardNumber}`}</button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={close}>Cancel</button>
    </div>
  );
}
