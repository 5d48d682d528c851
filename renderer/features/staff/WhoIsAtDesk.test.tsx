import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { ensureDesk, readKnownStaff, rememberStaff } from '../../db/deskMeta';
import { deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { WhoIsAtDesk } from './WhoIsAtDesk';

let services: DeskServices;
beforeEach(async () => {
  services = await deskServices();
  services.store.getState().setStaff(null);
  services.store.getState().setDesk(await ensureDesk(services.db));
});

describe('WhoIsAtDesk', UI_TEST, () => {
  it('says "Type your name" for an empty name and signs nobody in', async () => {
    const user = userEvent.setup();
    renderWithDesk(<WhoIsAtDesk />, services);
    await user.type(screen.getByLabelText('Your name'), '   ');
    await user.click(screen.getByRole('button', { name: 'Start' }));

    await screen.findByText('Type your name');
    expect(screen.getByLabelText('Your name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Your name')).toHaveAccessibleDescription('Type your name');
    expect(services.store.getState().staff).toBeNull();
    expect(await readKnownStaff(services.db)).toEqual([]);
  });

  it('on first run names the desk and signs the staff member in', async () => {
    const user = userEvent.setup();
    renderWithDesk(<WhoIsAtDesk />, services);
    await user.type(screen.getByLabelText('Your name'), ' Anna ');
    await user.type(screen.getByLabelText("This desk's name"), 'Reference');
    await user.click(screen.getByRole('button', { name: 'Start' }));

    await waitFor(() => expect(services.store.getState().staff).toBe('Anna'));
    expect(services.store.getState().desk?.name).toBe('Reference');
    expect((await ensureDesk(services.db)).name).toBe('Reference');
    expect(await readKnownStaff(services.db)).toEqual(['Anna']);
  });

  it('offers staff who used the desk before, one click each', async () => {
    await rememberStaff(services.db, 'Ben');
    await rememberStaff(services.db, 'Anna');
    const user = userEvent.setup();
    renderWithDesk(<WhoIsAtDesk />, services);
    await user.click(await screen.findByRole('button', { name: 'Ben' }));

    await waitFor(() => expect(services.store.getState().staff).toBe('Ben'));
    expect(await readKnownStaff(services.db)).toEqual(['Ben', 'Anna']);
    expect(screen.queryByLabelText("This desk's name")).not.toBeInTheDocument();
    expect(screen.getByLabelText('Someone else: your name')).toBeInTheDocument();
  });
});
