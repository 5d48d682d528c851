import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LADDER } from '@shared/domain/stages';
import type { DeskServices } from '../../app/deskContext';
import { ToastRegion } from '../../app/Toast';
import { ensureDesk, readKnownStaff, readLadder, rememberStaff } from '../../db/deskMeta';
import { deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { SettingsPage } from './SettingsPage';

let services: DeskServices;
beforeEach(async () => {
  services = await deskServices();
  renderWithDesk(<><SettingsPage /><ToastRegion /></>, services);
  await screen.findByRole('form', { name: 'Engagement ladder' });
});

const ladderForm = () => within(screen.getByRole('form', { name: 'Engagement ladder' }));

describe('LadderEditor', UI_TEST, () => {
  it('renames and adds stages, keeping ids', async () => {
    const user = userEvent.setup();
    const stage2 = ladderForm().getByLabelText('Stage 2 name');
    await user.clear(stage2);
    await user.type(stage2, 'Regular');
    await user.click(ladderForm().getByRole('button', { name: 'Add stage' }));
    await user.type(ladderForm().getByLabelText('Stage 4 name'), 'Friend');
    await user.click(ladderForm().getByRole('button', { name: 'Save ladder' }));

    expect(await screen.findByText('Ladder saved.')).toBeInTheDocument();
    const ladder = await readLadder(services.db);
    expect(ladder.map((s) => s.label)).toEqual(['Tryer', 'Regular', 'Advocate', 'Friend']);
    expect(ladder.slice(0, 3).map((s) => s.id)).toEqual(['tryer', 'buyer', 'advocate']);
  });

  it('refuses a name used twice, beside the second one', async () => {
    const user = userEvent.setup();
    const stage3 = ladderForm().getByLabelText('Stage 3 name');
    await user.clear(stage3);
    await user.type(stage3, 'tryer');
    await user.click(ladderForm().getByRole('button', { name: 'Save ladder' }));

    await waitFor(() => expect(ladderForm().getByLabelText('Stage 3 name')).toHaveAttribute('aria-invalid', 'true'));
    expect(ladderForm().getByLabelText('Stage 3 name')).toHaveAccessibleDescription('"tryer" is used twice');
    expect(await readLadder(services.db)).toEqual(DEFAULT_LADDER);
  });

  it('refuses an empty ladder', async () => {
    const user = userEvent.setup();
    for (const label of ['Tryer', 'Buyer', 'Advocate']) await user.click(ladderForm().getByRole('button', { name: `Remove stage ${label}` }));
    await user.click(ladderForm().getByRole('button', { name: 'Save ladder' }));
    expect(await ladderForm().findByText('The ladder needs at least one stage')).toBeInTheDocument();
    expect(await readLadder(services.db)).toEqual(DEFAULT_LADDER);
  });
});

describe('desk settings', UI_TEST, () => {
  it('renames the desk and refuses a blank name', async () => {
    const user = userEvent.setup();
    const name = screen.getByLabelText("This desk's name");
    expect(name).toHaveValue('Front desk');
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Rename desk' }));
    expect(await screen.findByText('Give this desk a name')).toBeInTheDocument();

    await user.type(name, 'Reference');
    await user.click(screen.getByRole('button', { name: 'Rename desk' }));
    await waitFor(() => expect(services.store.getState().desk?.name).toBe('Reference'));
    expect((await ensureDesk(services.db)).name).toBe('Reference');
  });

  it('forgets a staff member', async () => {
    const user = userEvent.setup();
    await rememberStaff(services.db, 'Ben');
    await rememberStaff(services.db, 'Anna');
    await user.click(await screen.findByRole('button', { name: 'Forget Ben' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Forget Ben' })).not.toBeInTheDocument());
    expect(await readKnownStaff(services.db)).toEqual(['Anna']);
  });
});
