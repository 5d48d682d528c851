import { useRef, useState, type FormEvent } from 'react';
import { displayName, type Patron } from '@shared/domain/patron';
import { useDesk, useDeskState } from '../../app/deskContext';
import { navigate } from '../../app/routes';
import { Field, FormError } from '../../app/ui/Field';
import { erasePatron } from '../../sync/erasePatron';

/**
 * Erase a patron everywhere (managers and admins): everything held about them goes from this
 * desk at once and from every other desk at its next sync. Typing their name confirms it.
 */
export function ErasePatron({ patron }: { patron: Patron }) {
  const { db, store } = useDesk();
  const role = useDeskState((s) => s.account?.role);
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (role !== 'manager' && role !== 'admin') return null;
  const name = displayName(patron);

  function open() {
    setTyped('');
    setError(null);
    const d = dialog.current;
    if (d && typeof d.showModal === 'function') d.showModal();
    else d?.setAttribute('open', '');
  }

  function close() {
    const d = dialog.current;
    if (d && typeof d.close === 'function') d.close();
    d?.removeAttribute('open');
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (typed.trim().toLowerCase() !== name.trim().toLowerCase()) {
      setError(`Type “${name}” to confirm`);
      return;
    }
    setBusy(true);
    try {
      await erasePatron(db, patron.id);
      close();
      store.getState().showToast(`${name} was erased from this desk; other desks follow at their next sync`);
      navigate({ name: 'home' });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="danger" onClick={open}>Erase patron</button>
      <dialog ref={dialog} aria-labelledby="erase-title" className="dialog">
        <form onSubmit={onSubmit} className="stack">
          <h2 id="erase-title">Erase {name}?</h2>
          <p>Everything held about {name} — details, notes, requests and follow-ups — is removed from this desk now and from every desk and the server at their next sync. This cannot be undone.</p>
          <Field label={`Type the patron's name (${name}) to confirm`}>
            {(p) => <input {...p} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />}
          </Field>
          <FormError message={error} />
          <div className="actions">
            <button type="button" onClick={close}>Cancel</button>
            <button type="submit" className="danger" disabled={busy}>Erase everywhere</button>
          </div>
        </form>
      </dialog>
    </>
  );
}
