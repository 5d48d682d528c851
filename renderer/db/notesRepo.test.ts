import { beforeEach, describe, expect, it } from 'vitest';
import { arrangeNotes } from '@shared/domain/note';
import type { DeskServices } from '../app/deskContext';
import { arrangePatron, deskServices, rejectionOf, writeContextAt, writeContextOf, withoutSyncMeta } from '../test/renderDesk';
import { acknowledgeAlert, addNote, deleteNote, editNote, notesOfPatron, restoreNote } from './notesRepo';
import type { WriteContext } from './writeContext';

let services: DeskServices;
let ctx: WriteContext;
let patronId: string;

beforeEach(async () => {
  services = await deskServices();
  ctx = writeContextOf(services);
  patronId = (await arrangePatron(services)).id;
});

describe('addNote', () => {
  it('stores a trimmed note on the patron, stamped and in the patron\'s branch', async () => {
    const note = await addNote(services.db, ctx, patronId, { body: '  Wants the jazz CDs  ' });
    expect(withoutSyncMeta(await services.db.notes.get(note.id))).toEqual({
      id: note.id,
      patronId,
      branchId: 'local',
      body: 'Wants the jazz CDs',
      kind: 'note',
      created: { staff: 'Anna', deskId: ctx.deskId, deskName: 'Front desk', at: services.now() },
    });
  });

  it('keeps an expiry only on alerts', async () => {
    const alert = await addNote(services.db, ctx, patronId, { body: 'Owes a fine', kind: 'alert', expiresOn: '2026-12-01' });
    const note = await addNote(services.db, ctx, patronId, { body: 'Chatty', kind: 'note', expiresOn: '2026-12-01' });
    expect((await services.db.notes.get(alert.id))?.expiresOn).toBe('2026-12-01');
    expect(await services.db.notes.get(note.id)).not.toHaveProperty('expiresOn');
  });

  it('refuses an empty body and a missing patron, storing nothing', async () => {
    const empty = await rejectionOf(addNote(services.db, ctx, patronId, { body: '   ' }));
    expect(empty.code).toBe('validation');
    expect(empty.issues).toEqual([{ field: 'body', message: 'Type the note first' }]);

    const missing = await rejectionOf(addNote(services.db, ctx, 'gone', { body: 'Hello' }));
    expect(missing.code).toBe('not-found');
    expect(await services.db.notes.count()).toBe(0);
  });
});

describe('editing and deleting', () => {
  it('edits the body and stamps who edited, keeping the creation stamp', async () => {
    const note = await addNote(services.db, ctx, patronId, { body: 'Wants jazz' });
    await editNote(services.db, writeContextAt(services, 60_000, 'Ben'), note.id, { body: 'Wants jazz on vinyl' });
    const stored = await services.db.notes.get(note.id);
    expect(stored?.body).toBe('Wants jazz on vinyl');
    expect(stored?.created).toEqual(note.created);
    expect(stored?.edited).toMatchObject({ staff: 'Ben', at: services.now() + 60_000 });
  });

  it('drops an alert\'s expiry when it is edited into a plain note', async () => {
    const alert = await addNote(services.db, ctx, patronId, { body: 'Fine due', kind: 'alert', expiresOn: '2026-12-01' });
    await editNote(services.db, ctx, alert.id, { body: 'Fine paid', kind: 'note' });
    const stored = await services.db.notes.get(alert.id);
    expect(stored?.kind).toBe('note');
    expect(stored).not.toHaveProperty('expiresOn');
  });

  it('refuses an edit to an empty body and leaves the note as it was', async () => {
    const note = await addNote(services.db, ctx, patronId, { body: 'Wants jazz' });
    await expect(editNote(services.db, ctx, note.id, { body: '' })).rejects.toMatchObject({ code: 'validation' });
    expect(withoutSyncMeta(await services.db.notes.get(note.id))).toEqual(note);
  });

  it('soft-deletes (kept, hidden from the timeline) and restores', async () => {
    const note = await addNote(services.db, ctx, patronId, { body: 'Wants jazz' });
    await deleteNote(services.db, ctx, note.id);
    const deleted = await services.db.notes.get(note.id);
    expect(deleted?.deleted).toMatchObject({ staff: 'Anna' });
    expect(arrangeNotes(await notesOfPatron(services.db, patronId), services.now()).timeline).toEqual([]);

    await restoreNote(services.db, note.id);
    const restored = await services.db.notes.get(note.id);
    expect(restored).not.toHaveProperty('deleted');
    expect(arrangeNotes(await notesOfPatron(services.db, patronId), services.now()).timeline.map((n) => n.id)).toEqual([note.id]);
  });

  it('reports a missing note as not-found', async () => {
    await expect(deleteNote(services.db, ctx, 'gone')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('acknowledgeAlert', () => {
  it('stamps an alert as acknowledged, which takes it out of the pinned alerts', async () => {
    const alert = await addNote(services.db, ctx, patronId, { body: 'ID check', kind: 'alert' });
    await acknowledgeAlert(services.db, writeContextAt(services, 0, 'Ben'), alert.id);
    expect((await services.db.notes.get(alert.id))?.acknowledged).toMatchObject({ staff: 'Ben' });
    const { alerts, timeline } = arrangeNotes(await notesOfPatron(services.db, patronId), services.now());
    expect(alerts).toEqual([]);
    expect(timeline.map((n) => n.id)).toEqual([alert.id]);
  });

  it('refuses a plain note and leaves it unchanged', async () => {
    const note = await addNote(services.db, ctx, patronId, { body: 'Chatty' });
    const err = await rejectionOf(acknowledgeAlert(services.db, ctx, note.id));
    expect(err.code).toBe('validation');
    expect(withoutSyncMeta(await services.db.notes.get(note.id))).toEqual(note);
  });
});

describe('notesOfPatron', () => {
  it('returns only that patron\'s notes', async () => {
    const other = await arrangePatron(services, { firstName: 'Bea' });
    await addNote(services.db, ctx, patronId, { body: 'Mine' });
    await addNote(services.db, ctx, other.id, { body: 'Theirs' });
    expect((await notesOfPatron(services.db, patronId)).map((n) => n.body)).toEqual(['Mine']);
  });
});
