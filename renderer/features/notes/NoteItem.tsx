import { useState, type FormEvent } from 'react';
import type { Note } from '@shared/domain/note';
import { useDesk, useWriteContext } from '../../app/deskContext';
import { Field, FormError } from '../../app/ui/Field';
import { useSubmit } from '../../app/ui/fieldErrors';
import { formatStamp } from '../../app/ui/format';
import { deleteNote, editNote, restoreNote } from '../../db/notesRepo';

/** One timeline entry: read, edit in place, or delete with an undo. */
export function NoteItem({ note }: { note: Note }) {
  const { db, store } = useDesk();
  const ctx = useWriteContext();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(note.body);
  const { errors, formError, busy, submit } = useSubmit();
  const preview = note.body.length > 40 ? `${note.body.slice(0, 40)}…` : note.body;

  async function remove() {
    await deleteNote(db, ctx, note.id);
    store.getState().showToast('Note deleted.', { label: 'Undo', run: () => void restoreNote(db, note.id) });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const input = { body, kind: note.kind, ...(note.expiresOn ? { expiresOn: note.expiresOn } : {}) };
    if (await submit(() => editNote(db, ctx, note.id, input))) setEditing(false);
  }

  return (
    <li className={`note note--${note.kind}`} aria-label={`${note.kind === 'alert' ? 'Alert' : 'Note'} by ${note.created.staff}`}>
      {editing ? (
        <form onSubmit={save} aria-label="Edit note">
          <Field label="Note text" error={errors.body}>
            {(p) => <textarea {...p} rows={3} value={body} onChange={(e) => setBody(e.target.value)} autoFocus />}
          </Field>
          <FormError message={formError} />
          <button type="submit" className="primary" disabled={busy}>Save note</button>
          <button type="button" onClick={() => { setEditing(false); setBody(note.body); }}>Cancel</button>
        </form>
      ) : (
        <>
          <p className="note__body">{note.body}</p>
          <p className="meta">
            {note.kind === 'alert' && <span className="tag">Alert{note.acknowledged ? `, acknowledged by ${note.acknowledged.staff}` : ', expired'}</span>}
            {formatStamp(note.created)}
            {note.edited && ` · edited by ${formatStamp(note.edited)}`}
          </p>
          <div className="note__actions">
            <button type="button" onClick={() => { setBody(note.body); setEditing(true); }} aria-label={`Edit note: ${preview}`}>Edit</button>
            <button type="button" onClick={() => void remove()} aria-label={`Delete note: ${preview}`}>Delete</button>
          </div>
        </>
      )}
    </li>
  );
}
