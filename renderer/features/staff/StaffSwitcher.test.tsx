import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { readKnownStaff, rememberStaff } from '../../db/deskMeta';
import { deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { StaffSwitcher } from './StaffSwitcher';

let services: DeskServices;
beforeEach(async () => {
  services = await deskServices();
  await rememberStaff(services.db, 'Chloe');
  await rememberStaff(services.db, 'Ben');
  await rememberStaff(services.db, 'Anna');
});

describe('StaffSwitcher', UI_TEST, () => {
  it('hands the desk to a colleague in two clicks', async () => {
    const user = userEvent.setup();
    renderWithDesk(<StaffSwitcher />, services);
    await user.click(screen.getByRole('button', { name: 'Staff: Anna' }));
    const menu = screen.getByRole('menu', { name: 'Switch staff' });
    await waitFor(() => expect(within(menu).getAllByRole('menuitem').map((m) => m.textContent)).toEqual(['Ben', 'Chloe', 'Someone else…']));
    await user.click(within(menu).getByRole('menuitem', { name: 'Chloe' }));

    await waitFor(() => expect(services.store.getState().staff).toBe('Chloe'));
    expect(screen.getByRole('button', { name: 'Staff: Chloe' })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    await waitFor(async () => expect(await readKnownStaff(services.db)).toEqual(['Chloe', 'Anna', 'Ben']));
  });

  it('moves through the menu with the arrow keys and closes on Escape', async () => {
    const user = userEvent.setup();
    renderWithDesk(<StaffSwitcher />, services);
    await user.click(screen.getByRole('button', { name: 'Staff: Anna' }));
    const ben = await screen.findByRole('menuitem', { name: 'Ben' });
    await waitFor(() => expect(ben).toHaveFocus());
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Chloe' })).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(screen.getByRole('menuitem', { name: 'Someone else…' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(services.store.getState().staff).toBe('Anna');
  });

  it('"Someone else…" signs the current staff out', async () => {
    const user = userEvent.setup();
    renderWithDesk(<StaffSwitcher />, services);
    await user.click(screen.getByRole('button', { name: 'Staff: Anna' }));
    await user.click(screen.getByRole('menuitem', { name: 'Someone else…' }));
    expect(services.store.getState().staff).toBeNull();
    expect(await readKnownStaff(services.db)).toEqual(['Anna', 'Ben', 'Chloe']);
  });
});
