import { NoteInputSchema, type Note } from '@shared/domain/note';
import { DeskError } from '@shared/errors/deskError';
import { validationErrorFromZod } from '@shared/errors/zodIssues';
import type { DeskDb } from './deskDb';
import { newId } from './ids';
import { stampOf, type WriteContext } from './writeContext';

function parseNote(input: unknown) {
  const parsed = NoteInputSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  return parsed.data;
}

/** Adds a note or alert to a patron who exists on this desk. */
export async function addNote(db: DeskDb, ctx: WriteContext, patronId: string, input: unknown): Promise<Note> {
  const { body, kind, expiresOn } = parseNote(input);
  return db.transaction('rw', db.patrons, db.notes, async () => {
    const patron = await db.patrons.get(patronId);
    if (!patron) throw new DeskError('not-found', 'This patron no longer exists on this desk');
    const note: Note = {
      id: newId(),
      patronId,
      branchId: patron.branchId,
      body,
      kind,
      created: stampOf(ctx),
      ...(expiresOn && kind === 'alert' ? { expiresOn } : {}),
    };
    await db.notes.add(note);
    // A note is a recorded contact: it keeps the patron out of "we miss you".
    await db.patrons.update(patronId, { lastContactAt: Math.max(patron.lastContactAt ?? 0, note.created.at) });
    return note;
  });
}

/** Changes one note in a transaction; `change` must stay synchronous. */
async function modifyNote(db: DeskDb, id: string, change: (note: Note) => Note): Promise<Note> {
  return db.transaction('rw', db.notes, async () => {
    const note = await db.notes.get(id);
    if (!note) throw new DeskError('not-found', 'This note no longer exists on this desk');
    const next = change(note);
    await db.notes.put(next);
    return next;
  });
}

export async function editNote(db: DeskDb, ctx: WriteContext, id: string, input: unknown): Promise<Note> {
  const { body, kind, expiresOn } = parseNote(input);
  return modifyNote(db, id, (note) => {
    const { expiresOn: _dropped, ...rest } = note;
    return { ...rest, body, kind, edited: stampOf(ctx), ...(expiresOn && kind === 'alert' ? { expiresOn } : {}) };
  });
}

/** Soft-deletes: the note disappears from view but can be restored (undo). */
export async function deleteNote(db: DeskDb, ctx: WriteContext, id: string): Promise<Note> {
  return modifyNote(db, id, (note) => ({ ...note, deleted: stampOf(ctx) }));
}

export async function restoreNote(db: DeskDb, id: string): Promise<Note> {
  return modifyNote(db, id, ({ deleted: _deleted, ...note }) => note);
}

/** Marks an alert as seen and dealt with; it then sits in the timeline like any note. */
export async function acknowledgeAlert(db: DeskDb, ctx: WriteContext, id: string): Promise<Note> {
  return modifyNote(db, id, (note) => {
    if (note.kind !== 'alert') throw new DeskError('validation', 'Only alerts can be acknowledged');
    return { ...note, acknowledged: stampOf(ctx) };
  });
}

/** All of a patron's notes, including deleted ones (callers arrange them with arrangeNotes). */
export function notesOfPatron(db: DeskDb, patronId: string): Promise<Note[]> {
  return db.notes.where('patronId').equals(patronId).toArray();
}
