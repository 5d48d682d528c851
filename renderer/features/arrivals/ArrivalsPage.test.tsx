import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Patron, PatronDetailsInput } from '@shared/domain/patron';
import type { DeskServices } from '../../app/deskContext';
import { addFlag, setContactPreferences } from '../../db/patronsRepo';
import { addRequest } from '../../db/requestsRepo';
import { arrangePatron, deskServices, renderWithDesk, UI_TEST, writeContextOf } from '../../test/renderDesk';
import { ArrivalsPage } from './ArrivalsPage';

let services: DeskServices;

beforeEach(async () => {
  services = await deskServices();
});

async function requester(details: Partial<PatronDetailsInput>, channels: string[], resource = 'Le Petit Prince'): Promise<Patron> {
  const ctx = writeContextOf(services);
  const p = await arrangePatron(services, details);
  await setContactPreferences(services.db, ctx, p.id, { channels, bestTimes: [], note: '' });
  await addRequest(services.db, ctx, p.id, { resource, requestedOn: '2026-11-02' });
  return p;
}

describe('ArrivalsPage', UI_TEST, () => {
  it('creates one follow-up per requester through their own channel and skips do-not-contact, with the reason', async () => {
    const user = userEvent.setup();
    const ada = await requester({ firstName: 'Ada', phones: [{ label: 'mobile', number: '020 7946 0001' }] }, ['phone']);
    const bea = await requester({ firstName: 'Bea', lastName: 'Jones', emails: [{ label: 'personal', address: 'bea@example.org' }] }, ['email', 'phone']);
    const cy = await requester({ firstName: 'Cy', lastName: 'Quiet', phones: [{ label: 'mobile', number: '020 7946 0003' }] }, ['phone']);
    await addFlag(services.db, writeContextOf(services), cy.id, { kind: 'do-not-contact', reason: 'Asked us to stop' });
    await requester({ firstName: 'Dee' }, ['phone'], 'Atlas of Remote Islands');

    renderWithDesk(<ArrivalsPage />, services);
    await user.type(await screen.findByLabelText('Resource title or identifier'), 'petit');
    const resources = await screen.findByRole('list', { name: 'Requested resources' });
    await user.click(await within(resources).findByRole('button', { name: 'Le Petit Prince — 3 waiting' }));
    expect(within(resources).queryByText(/Atlas/)).not.toBeInTheDocument();

    const preview = await screen.findByRole('region', { name: 'Who asked for Le Petit Prince' });
    const requesters = within(preview).getByRole('list', { name: 'Requesters' });
    await within(requesters).findByText('Bea Jones');
    expect(within(requesters).getByText('Ada Lovelace').closest('li')).toHaveTextContent('Phone: 020 7946 0001');
    expect(within(requesters).getByText('Bea Jones').closest('li')).toHaveTextContent('Email: bea@example.org');
    expect(within(requesters).getByText('Cy Quiet').closest('li')).toHaveTextContent('Skipped: Do not contact — Asked us to stop');

    await user.click(within(preview).getByRole('button', { name: 'Mark arrived and create 2 follow-ups' }));
    await waitFor(() => expect(window.location.hash).toBe('#/reminders'));
    const followUps = await services.db.followUps.toArray();
    expect(followUps.map((f) => [f.patronId, f.channel]).sort()).toEqual([[ada.id, 'phone'], [bea.id, 'email']].sort());
    expect(followUps[0]?.message).toMatch(/"Le Petit Prince", which you asked for on 2 November 2026, has arrived/);
    const requests = await services.db.requests.toArray();
    expect(requests.filter((r) => r.notified).map((r) => r.patronId).sort()).toEqual([ada.id, bea.id].sort());
  });
});
