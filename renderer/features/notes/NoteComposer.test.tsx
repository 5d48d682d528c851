import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { addNote, editNote } from '../../db/notesRepo';
import { arrangePatron, deskServices, renderPatronPage, UI_TEST, writeContextAt, writeContextOf, withoutSyncMeta } from '../../test/renderDesk';

let services: DeskServices;
let patronId: string;

beforeEach(async () => {
  services = await deskServices();
  patronId = (await arrangePatron(services)).id;
});

async function openPatron() {
  renderPatronPage(services, patronId);
  await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
}

const timelineItems = () => within(screen.getByRole('list', { name: 'Notes and follow-ups, newest first' })).getAllByRole('listitem');
const storedNotes = () => services.db.notes.where('patronId').equals(patronId).toArray();

describe('NoteComposer', UI_TEST, () => {
  it('saves on Enter and shows the note newest first with who and where', async () => {
    const user = userEvent.setup();
    await addNote(services.db, writeContextAt(services, -3_600_000, 'Ben'), patronId, { body: 'Asked about the jazz CDs' });
    await openPatron();
    await screen.findByText('Asked about the jazz CDs');

    await user.type(screen.getByLabelText('New note'), 'Returned the atlas{Enter}');

    await waitFor(() => expect(timelineItems()).toHaveLength(2));
    const [newest, older] = timelineItems();
    expect(newest).toHaveTextContent('Returned the atlas');
    expect(newest).toHaveTextContent(/Anna at Front desk/);
    expect(older).toHaveTextContent('Asked about the jazz CDs');
    expect(older).toHaveTextContent(/Ben at Front desk/);
    expect(screen.getByLabelText('New note')).toHaveValue('');

    const stored = await storedNotes();
    expect(stored.map((n) => n.body).sort()).toEqual(['Asked about the jazz CDs', 'Returned the atlas']);
    expect(stored.find((n) => n.body === 'Returned the atlas')?.created).toMatchObject({ staff: 'Anna', at: services.now() });
  });

  it('inserts a newline on Shift+Enter instead of saving', async () => {
    const user = userEvent.setup();
    await openPatron();
    const box = screen.getByLabelText('New note');
    await user.type(box, 'Line one{Shift>}{Enter}{/Shift}Line two');

    expect(box).toHaveValue('Line one\nLine two');
    expect(await storedNotes()).toEqual([]);

    await user.type(box, '{Enter}');
    await waitFor(async () => expect((await storedNotes()).map((n) => n.body)).toEqual(['Line one\nLine two']));
  });

  it('says "Type the note first" for an empty note and stores nothing', async () => {
    const user = userEvent.setup();
    await openPatron();
    await user.type(screen.getByLabelText('New note'), '   {Enter}');

    await screen.findByText('Type the note first');
    expect(screen.getByLabelText('New note')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('New note')).toHaveAccessibleDescription(expect.stringContaining('Type the note first'));
    expect(await storedNotes()).toEqual([]);
    expect(screen.getByText('No notes or follow-ups yet.')).toBeInTheDocument();
  });

  it('adds an alert with its last day when the box is ticked', async () => {
    const user = userEvent.setup();
    await openPatron();
    await user.click(screen.getByRole('checkbox', { name: /Alert: pin it/ }));
    await user.type(screen.getByLabelText('Alert until'), '2026-12-24');
    await user.type(screen.getByLabelText('New note'), 'Check ID at the desk');
    await user.click(screen.getByRole('button', { name: 'Add alert' }));

    const alerts = await screen.findByRole('region', { name: 'Alerts' });
    expect(within(alerts).getByText('Check ID at the desk')).toBeInTheDocument();
    expect((await storedNotes())[0]).toMatchObject({ kind: 'alert', expiresOn: '2026-12-24' });
    expect(screen.getByRole('checkbox', { name: /Alert: pin it/ })).not.toBeChecked();
  });
});

describe('Timeline', UI_TEST, () => {
  it('edits a note in place and shows who edited it', async () => {
    const user = userEvent.setup();
    const note = await addNote(services.db, writeContextOf(services), patronId, { body: 'Wants jazz' });
    await openPatron();
    await user.click(await screen.findByRole('button', { name: 'Edit note: Wants jazz' }));
    const box = screen.getByLabelText('Note text');
    await user.clear(box);
    await user.type(box, 'Wants jazz on vinyl');
    await user.click(screen.getByRole('button', { name: 'Save note' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit note' })).not.toBeInTheDocument());
    expect(timelineItems()[0]).toHaveTextContent('Wants jazz on vinyl');
    expect(timelineItems()[0]).toHaveTextContent(/edited by Anna at Front desk/);
    const stored = await services.db.notes.get(note.id);
    expect(stored?.body).toBe('Wants jazz on vinyl');
    expect(stored?.edited?.staff).toBe('Anna');
  });

  it('starts an edit from the note as it is now, not as it was first shown', async () => {
    const user = userEvent.setup();
    const note = await addNote(services.db, writeContextOf(services), patronId, { body: 'Wants jazz' });
    await openPatron();
    await screen.findByText('Wants jazz');
    // Changed elsewhere (another tab or desk) while this page is open.
    await editNote(services.db, writeContextAt(services, 1_000, 'Ben'), note.id, { body: 'Wants jazz and blues' });
    await user.click(await screen.findByRole('button', { name: 'Edit note: Wants jazz and blues' }));

    expect(screen.getByLabelText('Note text')).toHaveValue('Wants jazz and blues');
  });

  it('cancelling an edit keeps the note as it was', async () => {
    const user = userEvent.setup();
    const note = await addNote(services.db, writeContextOf(services), patronId, { body: 'Wants jazz' });
    await openPatron();
    await user.click(await screen.findByRole('button', { name: 'Edit note: Wants jazz' }));
    await user.type(screen.getByLabelText('Note text'), ' and blues');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.getByText('Wants jazz')).toBeInTheDocument();
    expect(timelineItems()[0]).not.toHaveTextContent('edited by');
    expect(withoutSyncMeta(await services.db.notes.get(note.id))).toEqual(note);
  });

  it('deletes a note from view and Undo in the toast restores it', async () => {
    const user = userEvent.setup();
    const note = await addNote(services.db, writeContextOf(services), patronId, { body: 'Wants jazz' });
    await addNote(services.db, writeContextAt(services, -60_000), patronId, { body: 'Keeps this one' });
    await openPatron();
    await user.click(await screen.findByRole('button', { name: 'Delete note: Wants jazz' }));

    await waitFor(() => expect(screen.queryByText('Wants jazz')).not.toBeInTheDocument());
    expect(timelineItems()).toHaveLength(1);
    expect(screen.getByText('Note deleted.')).toBeInTheDocument();
    expect((await services.db.notes.get(note.id))?.deleted?.staff).toBe('Anna');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Wants jazz')).toBeInTheDocument();
    expect(timelineItems()).toHaveLength(2);
    expect(screen.queryByText('Note deleted.')).not.toBeInTheDocument();
    expect(await services.db.notes.get(note.id)).not.toHaveProperty('deleted');
  });
});
