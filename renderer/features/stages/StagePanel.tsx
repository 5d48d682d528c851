import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { currentStage, stageLabel } from '@shared/domain/stages';
import type { Patron } from '@shared/domain/patron';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { formatStamp } from '../../app/ui/format';
import { readLadder } from '../../db/deskMeta';
import { setStage } from '../../db/patronsRepo';

/** Where the relationship stands on the ladder, and how it got there. */
export function StagePanel({ patron }: { patron: Patron }) {
  const { db } = useDesk();
  const ctx = useWriteContext();
  const ladder = useLiveQuery(() => readLadder(db), [db]) ?? [];
  const current = currentStage(patron.stageHistory);
  const [choice, setChoice] = useState('');
  const { errors, formError, busy, submit } = useSubmit();
  const history = [...patron.stageHistory].sort((a, b) => b.set.at - a.set.at);

  return (
    <section className="panel" aria-labelledby="stage-title">
      <h2 id="stage-title">Engagement stage</h2>
      <p>Now: <strong>{current ? stageLabel(current, ladder) : 'Not set'}</strong></p>
      <form className="row" aria-label="Set stage" onSubmit={(e) => { e.preventDefault(); void submit(() => setStage(db, ctx, patron.id, choice)); }}>
        <Field label="Move to stage" error={errors.stage}>
          {(p) => (
            <select {...p} value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Choose…</option>
              {ladder.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
            </select>
          )}
        </Field>
        <button type="submit" disabled={busy || choice === ''}>Set stage</button>
      </form>
      <FormError message={formError} />
      {history.length > 0 && (
        <ol aria-label="Stage history">
          {history.map((h, i) => <li key={i}>{stageLabel(h, ladder)} — {formatStamp(h.set)}</li>)}
        </ol>
      )}
    </section>
  );
}
