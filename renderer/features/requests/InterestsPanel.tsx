import { useState, type FormEvent } from 'react';
import type { Patron } from '@shared/domain/patron';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { addInterest, removeInterest } from '../../db/patronsRepo';

/** Interest tags ("local history", "jazz"), used later to find who to tell about what. */
export function InterestsPanel({ patron }: { patron: Patron }) {
  const { db } = useDesk();
  const ctx = useWriteContext();
  const [tag, setTag] = useState('');
  const { errors, formError, busy, submit } = useSubmit();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (await submit(() => addInterest(db, ctx, patron.id, tag))) setTag('');
  }

  return (
    <section className="panel" aria-labelledby="interests-title">
      <h2 id="interests-title">Interests</h2>
      {patron.interests.length > 0 && (
        <ul className="tags" aria-label="Interests">
          {patron.interests.map((i) => (
            <li key={i} className="tag">
              {i}
              <button type="button" aria-label={`Remove interest ${i}`} onClick={() => void removeInterest(db, ctx, patron.id, i)}>×</button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} className="row" aria-label="Add interest">
        <Field label="Interest" error={errors.interest}>
          {(p) => <input {...p} value={tag} onChange={(e) => setTag(e.target.value)} />}
        </Field>
        <button type="submit" disabled={busy}>Add interest</button>
      </form>
      <FormError message={formError} />
    </section>
  );
}
