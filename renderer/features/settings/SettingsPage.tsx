import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useDesk, useDeskState } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { forgetStaff, readKnownStaff, readLadder, renameDesk, saveServerUrl } from '../../db/deskMeta';
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
      <ServerAddressForm />
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

/** Electron only: where the sync server is (the browser build is served by it). Applies at once. */
function ServerAddressForm() {
  const { db, store } = useDesk();
  const configurable = useDeskState((s) => s.serverConfigurable);
  const serverUrl = useDeskState((s) => s.serverUrl);
  const [address, setAddress] = useState(serverUrl ?? '');
  const { errors, formError, busy, submit } = useSubmit();
  if (!configurable) return null;
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await submit(async () => {
      const origin = await saveServerUrl(db, address);
      store.getState().setServer(origin, true);
      setAddress(origin);
    });
  }
  return (
    <form className="panel row" onSubmit={onSubmit} aria-label="Sync server">
      <Field label="Server address" hint="e.g. https://diary.example.org, from your administrator" error={errors.serverUrl}>
        {(p) => <input {...p} value={address} onChange={(e) => setAddress(e.target.value)} inputMode="url" />}
      </Field>
      <button type="submit" disabled={busy}>Save address</button>
      <FormError message={formError} />
    </form>
  );
}
