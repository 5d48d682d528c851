import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { arrangePatron, deskServices, renderPatronPage, UI_TEST } from '../../test/renderDesk';
import { queuedChanges } from '../../sync/outboxRows';

let services: DeskServices;
beforeEach(async () => {
  services = await deskServices();
  window.location.hash = '#/patrons/x';
});

describe('Erase patron', UI_TEST, () => {
  it('is not offered to desk staff', async () => {
    services.store.getState().setAccount({ id: 's', username: 'd', displayName: 'Dee', role: 'desk', branchIds: ['b'] });
    const ada = await arrangePatron(services);
    renderPatronPage(services, ada.id);
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });
    expect(screen.queryByRole('button', { name: 'Erase patron' })).not.toBeInTheDocument();
  });

  it('a manager confirms by typing the name; the patron is gone and the desk goes home', async () => {
    services.store.getState().setAccount({ id: 's', username: 'm', displayName: 'Max', role: 'manager', branchIds: ['b'] });
    const ada = await arrangePatron(services);
    const user = userEvent.setup();
    renderPatronPage(services, ada.id);
    await user.click(await screen.findByRole('button', { name: 'Erase patron' }));
    const dialog = await screen.findByRole('dialog', { name: 'Erase Ada Lovelace?' });
    const confirm = screen.getByLabelText("Type the patron's name (Ada Lovelace) to confirm");

    await user.type(confirm, 'Ada');
    await user.click(screen.getByRole('button', { name: 'Erase everywhere' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Type “Ada Lovelace” to confirm');
    expect(await services.db.patrons.get(ada.id)).toBeDefined();

    await user.clear(confirm);
    await user.type(confirm, 'ada lovelace');
    await user.click(screen.getByRole('button', { name: 'Erase everywhere' }));
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    expect(await services.db.patrons.get(ada.id)).toBeUndefined();
    expect((await queuedChanges(services.db)).map((c) => c.mutation.kind)).toContain('erase');
    expect(dialog).toBeDefined();
  });
});
