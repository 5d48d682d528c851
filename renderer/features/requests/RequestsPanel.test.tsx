import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { arrangePatron, deskServices, renderWithPatron, UI_TEST } from '../../test/renderDesk';
import { InterestsPanel } from './InterestsPanel';
import { RequestsPanel } from './RequestsPanel';

let services: DeskServices;
let patronId: string;

beforeEach(async () => {
  services = await deskServices();
  patronId = (await arrangePatron(services)).id;
  renderWithPatron(services, patronId, (patron) => (
    <>
      <RequestsPanel patronId={patron.id} />
      <InterestsPanel patron={patron} />
    </>
  ));
  await screen.findByRole('heading', { name: 'Requests' });
});

const region = (name: string) => within(screen.getByRole('region', { name }));
const liveRequests = async () => (await services.db.requests.toArray()).filter((r) => !r.deleted);

describe('RequestsPanel', UI_TEST, () => {
  it('records a request dated today by the desk clock, and refuses a blank one', async () => {
    const user = userEvent.setup();
    const panel = region('Requests');
    expect(panel.getByLabelText('Asked on')).toHaveValue('2026-11-20');
    await user.click(panel.getByRole('button', { name: 'Add request' }));
    expect(await panel.findByText('Say what they asked for')).toBeInTheDocument();
    expect(panel.getByLabelText('Asked for')).toHaveAttribute('aria-invalid', 'true');
    expect(await services.db.requests.count()).toBe(0);

    await user.type(panel.getByLabelText('Asked for'), 'JSTOR trial{Enter}');
    const list = await panel.findByRole('list', { name: 'Requests' });
    expect(list).toHaveTextContent('Asked for: JSTOR trial on 20 Nov 2026');
    expect(panel.getByLabelText('Asked for')).toHaveValue('');
    expect(await liveRequests()).toMatchObject([{ patronId, resource: 'JSTOR trial', requestedOn: '2026-11-20' }]);
  });

  it('removes a request and Undo brings it back', async () => {
    const user = userEvent.setup();
    const panel = region('Requests');
    await user.type(panel.getByLabelText('Asked for'), 'Atlas of Wales{Enter}');
    await user.click(await panel.findByRole('button', { name: 'Remove request: Atlas of Wales' }));

    await waitFor(() => expect(panel.queryByRole('list', { name: 'Requests' })).not.toBeInTheDocument());
    expect(await liveRequests()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await panel.findByRole('list', { name: 'Requests' })).toHaveTextContent('Atlas of Wales');
    expect(await liveRequests()).toHaveLength(1);
  });
});

describe('InterestsPanel', UI_TEST, () => {
  it('adds interests once each, lower-cased, and removes them', async () => {
    const user = userEvent.setup();
    const panel = region('Interests');
    const box = panel.getByLabelText('Interest');
    // The box clears once each save is done; typing on before that would join two entries.
    await user.type(box, 'Local History{Enter}');
    await panel.findByRole('list', { name: 'Interests' });
    await waitFor(() => expect(box).toHaveValue(''));
    await user.type(box, 'local history{Enter}');
    await waitFor(() => expect(box).toHaveValue(''));
    await user.type(box, 'Jazz{Enter}');
    await waitFor(async () => expect((await services.db.patrons.get(patronId))?.interests).toEqual(['local history', 'jazz']));

    await user.click(panel.getByRole('button', { name: 'Remove interest local history' }));
    await waitFor(async () => expect((await services.db.patrons.get(patronId))?.interests).toEqual(['jazz']));
    // The list follows the database through a live query: wait for it rather than race it.
    await waitFor(() => expect(panel.getByRole('list', { name: 'Interests' })).not.toHaveTextContent('local history'));
  });

  it('refuses a blank interest', async () => {
    const user = userEvent.setup();
    const panel = region('Interests');
    await user.click(panel.getByRole('button', { name: 'Add interest' }));
    expect(await panel.findByText('Type an interest')).toBeInTheDocument();
    expect((await services.db.patrons.get(patronId))?.interests).toEqual([]);
  });
});
