import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { addNote } from '../../db/notesRepo';

/**
 * Type, Enter, done. Shift+Enter starts a new line. Focused when the patron opens, so the
 * jot workflow is: search, Enter, type, Enter.
 */
export function NoteComposer({ patronId }: { patronId: string }) {
  const { db } = useDesk();
  const ctx = useWriteContext();
  const [body, setBody] = useState('');
  const [isAlert, setIsAlert] = useState(false);
  const [expiresOn, setExpiresOn] = useState('');
  const { errors, formError, busy, submit } = useSubmit();

  async function save() {
    const typed = { body, isAlert, expiresOn };
    const input = { body, kind: isAlert ? 'alert' : 'note', ...(isAlert && expiresOn ? { expiresOn } : {}) };
    // Clear at once so the next note can be typed while this one saves; a fast typist's
    // next words must never be wiped by the previous save finishing.
    setBody('');
    setIsAlert(false);
    setExpiresOn('');
    if (!(await submit(() => addNote(db, ctx, patronId, input)))) {
      // Not saved: put the text back, unless something new was typed meanwhile.
      setBody((current) => (current === '' ? typed.body : current));
      setIsAlert((current) => current || typed.isAlert);
      setExpiresOn((current) => current || typed.expiresOn);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    }
  }

  return (
    <form className="note-composer" aria-label="Add a note" onSubmit={(e: FormEvent) => { e.preventDefault(); void save(); }}>
      <Field label="New note" error={errors.body} hint="Enter saves; Shift+Enter for a new line">
        {(p) => <textarea {...p} rows={2} value={body} onChange={(e) => setBody(e.target.value)} onKeyDown={onKeyDown} autoFocus />}
      </Field>
      <div className="row">
        <label className="checkbox">
          <input type="checkbox" checked={isAlert} onChange={(e) => setIsAlert(e.target.checked)} />
          Alert: pin it and show it whenever this patron is opened
        </label>
        {isAlert && (
          <Field label="Alert until" error={errors.expiresOn} hint="Optional last day">
            {(p) => <input {...p} type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />}
          </Field>
        )}
        <button type="submit" className="primary" disabled={busy}>{isAlert ? 'Add alert' : 'Add note'}</button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
