import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { saveLadder } from '../../db/deskMeta';
import { setStage } from '../../db/patronsRepo';
import { arrangePatron, deskServices, renderPatronPage, UI_TEST, writeContextAt } from '../../test/renderDesk';

let services: DeskServices;
let patronId: string;

beforeEach(async () => {
  services = await deskServices();
  patronId = (await arrangePatron(services, { cardNumber: 'AB123', language: 'Welsh' })).id;
});

const stagePanel = () => screen.getByRole('region', { name: 'Engagement stage' });

describe('StagePanel', UI_TEST, () => {
  it('moves the patron up the ladder and lists the dated history, newest first', async () => {
    const user = userEvent.setup();
    await setStage(services.db, writeContextAt(services, -86_400_000, 'Ben'), patronId, 'tryer');
    renderPatronPage(services, patronId);
    await screen.findByRole('option', { name: 'Buyer' });
    const panel = within(stagePanel());
    expect(stagePanel()).toHaveTextContent('Now: Tryer');
    expect(panel.getByRole('button', { name: 'Set stage' })).toBeDisabled();

    await user.selectOptions(panel.getByLabelText('Move to stage'), 'Buyer');
    await user.click(panel.getByRole('button', { name: 'Set stage' }));

    await waitFor(() => expect(stagePanel()).toHaveTextContent('Now: Buyer'));
    expect(screen.getByText('Card AB123 · Speaks Welsh · Buyer')).toBeInTheDocument();
    const history = within(panel.getByRole('list', { name: 'Stage history' })).getAllByRole('listitem');
    expect(history[0]).toHaveTextContent(/^Buyer — Anna at Front desk/);
    expect(history[1]).toHaveTextContent(/^Tryer — Ben at Front desk/);
    expect((await services.db.patrons.get(patronId))?.stageHistory.map((h) => h.stageId)).toEqual(['tryer', 'buyer']);
  });

  it('shows the ladder\'s current names, falling back to the recorded label for a removed stage', async () => {
    await setStage(services.db, writeContextAt(services, -1_000), patronId, 'tryer');
    await setStage(services.db, writeContextAt(services, 0), patronId, 'advocate');
    await saveLadder(services.db, [{ id: 'tryer', label: 'Newcomer' }, { id: 'buyer', label: 'Regular' }]);
    renderPatronPage(services, patronId);

    await screen.findByRole('option', { name: 'Newcomer' });
    expect(stagePanel()).toHaveTextContent('Now: Advocate');
    const history = within(stagePanel()).getByRole('list', { name: 'Stage history' });
    expect(within(history).getAllByRole('listitem').map((li) => li.textContent?.split(' — ')[0])).toEqual(['Advocate', 'Newcomer']);
    expect(screen.getByText('Card AB123 · Speaks Welsh · Advocate')).toBeInTheDocument();
    expect(within(stagePanel()).queryByRole('option', { name: 'Advocate' })).not.toBeInTheDocument();
  });
});
