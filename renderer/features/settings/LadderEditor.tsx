import { useState, type FormEvent } from 'react';
import type { Stage } from '@shared/domain/stages';
import { useDesk } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { newId } from '../../db/ids';
import { saveLadder } from '../../db/deskMeta';

/** Renames, adds and removes ladder stages. Ids stay stable, so history keeps pointing at the right step. */
export function LadderEditor({ ladder }: { ladder: Stage[] }) {
  const { db, store } = useDesk();
  const [stages, setStages] = useState(ladder);
  const { errors, formError, busy, submit } = useSubmit();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (await submit(() => saveLadder(db, stages))) store.getState().showToast('Ladder saved.');
  }

  return (
    <form className="panel" onSubmit={onSubmit} aria-labelledby="ladder-title">
      <h2 id="ladder-title">Engagement ladder</h2>
      <p className="muted">From first contact to advocate. Renaming a stage relabels every patron on it.</p>
      <ol>
        {stages.map((s, i) => (
          <li key={s.id} className="row">
            <Field label={`Stage ${i + 1} name`} error={errors[`${i}.label`]}>
              {(p) => <input {...p} value={s.label} onChange={(e) => setStages(stages.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />}
            </Field>
            <button type="button" onClick={() => setStages(stages.filter((_, j) => j !== i))} aria-label={`Remove stage ${s.label || i + 1}`}>Remove</button>
          </li>
        ))}
      </ol>
      {errors['(root)'] && <p className="field__error">{errors['(root)']}</p>}
      <button type="button" onClick={() => setStages([...stages, { id: newId(), label: '' }])}>Add stage</button>
      <FormError message={formError} />
      <button type="submit" className="primary" disabled={busy}>Save ladder</button>
    </form>
  );
}
