import type { Note } from '@shared/domain/note';
import { NoteItem } from './NoteItem';

/** The patron's notes, newest first, with author, desk and time. */
export function Timeline({ notes }: { notes: Note[] }) {
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ol className="timeline" aria-label="Notes, newest first">
          {notes.map((note) => <NoteItem key={note.id} note={note} />)}
        </ol>
      )}
    </section>
  );
}
