import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { arrangePatron, deskServices, renderPatronPage, UI_TEST } from '../../test/renderDesk';

describe('NoteComposer while a save is in flight', UI_TEST, () => {
  it('keeps what is typed next when the previous note finishes saving', async () => {
    const services = await deskServices();
    const patronId = (await arrangePatron(services)).id;
    // Hold the first save until the second note has been typed.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const realAdd = services.db.notes.add.bind(services.db.notes);
    services.db.notes.add = (async (...args: Parameters<typeof realAdd>) => {
      await gate;
      return realAdd(...args);
    }) as unknown as typeof realAdd;

    renderPatronPage(services, patronId);
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
    const user = userEvent.setup();
    const box = screen.getByLabelText('New note');
    await user.type(box, 'First note{Enter}');
    expect(box).toHaveValue('');
    await user.type(box, 'Second note, still typing');
    release();

    await screen.findByText('First note');
    expect(box).toHaveValue('Second note, still typing');
  });

  it('puts the text back when the note could not be saved', async () => {
    const services = await deskServices();
    const patronId = (await arrangePatron(services)).id;
    renderPatronPage(services, patronId);
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
    services.db.notes.add = (async () => {
      throw new Error('The disk is full');
    }) as unknown as typeof services.db.notes.add;
    const user = userEvent.setup();
    const box = screen.getByLabelText('New note');
    await user.type(box, 'Lost patron note{Enter}');
    await waitFor(() => expect(box).toHaveValue('Lost patron note'));
    expect(screen.getByRole('alert')).toHaveTextContent(/Not saved: The disk is full/);
  });
});
