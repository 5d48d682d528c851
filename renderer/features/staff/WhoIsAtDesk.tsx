import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useDesk } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { readKnownStaff, rememberStaff, renameDesk } from '../../db/deskMeta';

/**
 * Asked once per desk (and whenever nobody is signed in): who is at the desk, so every
 * change carries a name. This is local mode: with a server, staff log in instead (LoginScreen).
 */
export function WhoIsAtDesk() {
  const { db, store } = useDesk();
  const known = useLiveQuery(() => readKnownStaff(db), [db]) ?? [];
  const desk = store.getState().desk;
  const firstRun = known.length === 0;
  const [name, setName] = useState('');
  const [deskName, setDeskName] = useState(desk?.name === 'Desk' ? '' : (desk?.name ?? ''));
  const { errors, formError, busy, submit } = useSubmit();

  async function choose(staffName: string) {
    const clean = await rememberStaff(db, staffName);
    store.getState().setLocalMode(true);
    store.getState().setStaff(clean);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await submit(async () => {
      if (firstRun && deskName.trim() !== '') store.getState().setDesk(await renameDesk(db, deskName));
      await choose(name);
    });
  }

  return (
    <main className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Who is at the desk?</h1>
      <p>Your name goes on every note and change you make here, so colleagues know whom to ask.</p>
      {known.length > 0 && (
        <ul className="staff-choices" aria-label="Staff who used this desk">
          {known.map((n) => (
            <li key={n}>
              <button type="button" onClick={() => void choose(n)}>{n}</button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} className="stack">
        <Field label={known.length > 0 ? 'Someone else: your name' : 'Your name'} error={errors.staff}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="name" />}
        </Field>
        {firstRun && (
          <Field label="This desk's name" hint='e.g. "Front desk" or "Reference"; shown beside every note' error={errors.deskName}>
            {(p) => <input {...p} value={deskName} onChange={(e) => setDeskName(e.target.value)} />}
          </Field>
        )}
        <FormError message={formError} />
        <button type="submit" className="primary" disabled={busy}>Start</button>
      </form>
      <p>
        <button type="button" className="link" onClick={() => store.getState().setLocalMode(false)}>Log in with a staff account instead</button>
      </p>
    </main>
  );
}
