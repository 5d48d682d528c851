import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useDesk, useDeskState } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { forgetStaff, readKnownStaff, readLadder, renameDesk } from '../../db/deskMeta';
import { LadderEditor } from './LadderEditor';

/** Desk settings: this desk's name, the ladder's stage names, and who appears in the staff switcher. */
export function SettingsPage() {
  const { db } = useDesk();
  const ladder = useLiveQuery(() => readLadder(db), [db]);
  const staff = useLiveQuery(() => readKnownStaff(db), [db]) ?? [];
  return (
    <section className="page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <DeskNameForm />
      {ladder && <LadderEditor key={ladder.map((s) => `${s.id}:${s.label}`).join('|')} ladder={ladder} />}
      <section className="panel" aria-labelledby="staff-title">
        <h2 id="staff-title">Staff at this desk</h2>
        <ul aria-label="Staff at this desk">
          {staff.map((n) => (
            <li key={n}>{n} <button type="button" onClick={() => void forgetStaff(db, n)} aria-label={`Forget ${n}`}>Forget</button></li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function DeskNameForm() {
  const { db, store } = useDesk();
  const desk = useDeskState((s) => s.desk);
  const [name, setName] = useState(desk?.name ?? '');
  const { errors, formError, busy, submit } = useSubmit();
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await submit(async () => store.getState().setDesk(await renameDesk(db, name)));
  }
  return (
    <form className="panel row" onSubmit={onSubmit} aria-label="Desk name">
      <Field label="This desk's name" error={errors.deskName}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <button type="submit" disabled={busy}>Rename desk</button>
      <FormError message={formError} />
    </form>
  );
}
