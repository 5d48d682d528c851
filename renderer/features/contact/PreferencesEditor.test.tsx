import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { setContactPreferences } from '../../db/patronsRepo';
import { arrangePatron, deskServices, renderWithPatron, UI_TEST, writeContextOf } from '../../test/renderDesk';
import { ContactPanel } from './ContactPanel';

let services: DeskServices;
let patronId: string;

beforeEach(async () => {
  services = await deskServices();
  patronId = (await arrangePatron(services)).id;
});

async function openEditor() {
  const user = userEvent.setup();
  renderWithPatron(services, patronId, (patron) => <ContactPanel patron={patron} />);
  await user.click(await screen.findByRole('button', { name: 'Edit preferences' }));
  return { user, form: screen.getByRole('form', { name: 'Contact preferences' }) };
}

const storedContact = async () => (await services.db.patrons.get(patronId))?.contact;

describe('PreferencesEditor', UI_TEST, () => {
  it('saves the ticked channels in the chosen order and lists them ranked', async () => {
    const { user, form } = await openEditor();
    await user.click(within(form).getByRole('checkbox', { name: 'Phone' }));
    await user.click(within(form).getByRole('checkbox', { name: 'SMS' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Letter' }));
    // SMS to the top, then Letter above Phone: SMS, Letter, Phone.
    await user.click(within(form).getByRole('button', { name: 'Move SMS up' }));
    await user.click(within(form).getByRole('button', { name: 'Move SMS up' }));
    await user.click(within(form).getByRole('button', { name: 'Move Letter up' }));
    await user.click(within(form).getByRole('button', { name: 'Move Letter up' }));
    await user.type(within(form).getByLabelText('Contact note'), 'Let it ring');
    await user.click(within(form).getByRole('button', { name: 'Save preferences' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Contact preferences' })).not.toBeInTheDocument());
    expect(await storedContact()).toEqual({ channels: ['sms', 'letter', 'phone'], bestTimes: [], note: 'Let it ring' });
    const ranked = within(screen.getByRole('list', { name: 'Preferred channels' })).getAllByRole('listitem');
    expect(ranked.map((li) => li.textContent)).toEqual(['SMS', 'Letter', 'Phone']);
    expect(screen.getByText('Let it ring')).toBeInTheDocument();
  });

  it('starts from the stored ranking, and unticking drops a channel', async () => {
    await setContactPreferences(services.db, writeContextOf(services), patronId, { channels: ['email', 'phone'], bestTimes: [], note: '' });
    const { user, form } = await openEditor();
    const boxes = within(form).getAllByRole('checkbox').slice(0, 5);
    expect(boxes.map((b) => b.closest('label')?.textContent)).toEqual(['Email', 'Phone', 'SMS', 'Letter', 'In person']);
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, true, false, false, false]);
    await user.click(within(form).getByRole('checkbox', { name: 'Email' }));
    await user.click(within(form).getByRole('button', { name: 'Save preferences' }));
    await waitFor(async () => expect((await storedContact())?.channels).toEqual(['phone']));
  });

  it('saves a best-time window and describes it', async () => {
    const { user, form } = await openEditor();
    await user.click(within(form).getByRole('button', { name: 'Add time window' }));
    const window1 = within(form).getByRole('group', { name: 'Time window 1' });
    await user.click(within(window1).getByRole('checkbox', { name: 'Fri' }));
    await user.clear(within(window1).getByLabelText('From (window 1)'));
    await user.type(within(window1).getByLabelText('From (window 1)'), '09:30');
    await user.click(within(form).getByRole('button', { name: 'Save preferences' }));

    await waitFor(async () =>
      expect((await storedContact())?.bestTimes).toEqual([{ days: ['mon', 'tue', 'wed', 'thu'], from: '09:30', to: '12:00' }]),
    );
    expect(await screen.findByRole('list', { name: 'Best times to call' })).toHaveTextContent('Mon–Thu 09:30–12:00');
  });

  it('refuses a window that ends before it starts, with a message beside the end time', async () => {
    const { user, form } = await openEditor();
    await user.click(within(form).getByRole('checkbox', { name: 'Phone' }));
    await user.click(within(form).getByRole('button', { name: 'Add time window' }));
    await user.clear(within(form).getByLabelText('From (window 1)'));
    await user.type(within(form).getByLabelText('From (window 1)'), '15:00');
    await user.clear(within(form).getByLabelText('To (window 1)'));
    await user.type(within(form).getByLabelText('To (window 1)'), '14:00');
    await user.click(within(form).getByRole('button', { name: 'Save preferences' }));

    const to = within(form).getByLabelText('To (window 1)');
    await waitFor(() => expect(to).toHaveAttribute('aria-invalid', 'true'));
    expect(to).toHaveAccessibleDescription('The end time must be after the start time');
    expect(within(form).getByRole('alert')).toHaveTextContent('Not saved');
    expect(screen.getByRole('form', { name: 'Contact preferences' })).toBeInTheDocument();
    expect(await storedContact()).toEqual({ channels: [], bestTimes: [], note: '' });
  });

  it('refuses a window with no days', async () => {
    const { user, form } = await openEditor();
    await user.click(within(form).getByRole('button', { name: 'Add time window' }));
    const window1 = within(form).getByRole('group', { name: 'Time window 1' });
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await user.click(within(window1).getByRole('checkbox', { name: day }));
    await user.click(within(form).getByRole('button', { name: 'Save preferences' }));

    expect(await within(window1).findByText('Pick at least one day')).toBeInTheDocument();
    expect((await storedContact())?.bestTimes).toEqual([]);
  });
});
