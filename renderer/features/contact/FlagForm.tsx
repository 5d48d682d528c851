import { useState, type FormEvent } from 'react';
import { FLAG_KINDS, FLAG_LABELS, FLAGS_NEEDING_REASON, type FlagKind } from '@shared/domain/flags';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { addFlag } from '../../db/patronsRepo';

/** Adds a flag such as "Never email — doesn't read it", with who set it (automatic) and an optional last day. */
export function FlagForm({ patronId, onDone }: { patronId: string; onDone: () => void }) {
  const { db } = useDesk();
  const ctx = useWriteContext();
  const [kind, setKind] = useState<FlagKind>('never-email');
  const [reason, setReason] = useState('');
  const [source, setSource] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const { errors, formError, busy, submit } = useSubmit();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit(() => addFlag(db, ctx, patronId, { kind, reason, source, ...(expiresOn ? { expiresOn } : {}) }));
    if (ok) onDone();
  }

  return (
    <form onSubmit={onSubmit} className="inline-form" aria-label="Add flag">
      <Field label="Flag" error={errors.kind}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as FlagKind)} autoFocus>
            {FLAG_KINDS.map((k) => <option key={k} value={k}>{FLAG_LABELS[k]}</option>)}
          </select>
        )}
      </Field>
      <Field label={FLAGS_NEEDING_REASON.has(kind) ? 'Reason (required)' : 'Reason'} error={errors.reason} hint="e.g. doesn't read email">
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Field label="Source" error={errors.source} hint="Who asked for it: the patron, a carer, a letter…">
        {(p) => <input {...p} value={source} onChange={(e) => setSource(e.target.value)} />}
      </Field>
      <Field label="Expires on" error={errors.expiresOn} hint="Optional last day the flag applies">
        {(p) => <input {...p} type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />}
      </Field>
      <FormError message={formError} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Save flag</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
