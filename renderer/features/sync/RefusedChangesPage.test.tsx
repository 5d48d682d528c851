import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { arrangePatron, deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { RefusedChangesPage } from './RefusedChangesPage';
import { queuedChanges } from '../../sync/outboxRows';

let services: DeskServices;
let patronId: string;
beforeEach(async () => {
  services = await deskServices();
  const patron = await arrangePatron(services);
  patronId = patron.id;
  await services.db.outbox.clear();
  await services.db.syncRejected.add({
    mutationId: 'm1',
    patronId,
    mutation: { id: 'm1', kind: 'edit', entity: 'patron', recordId: patronId, branchId: 'local', hlc: 'h' as never, fields: { email: 'x' } },
    code: 'invalid',
    reason: 'The patron would not be valid',
    issues: [{ path: 'emails.0', message: 'Not an email address' }],
    at: services.now(),
  });
});

describe('RefusedChangesPage', UI_TEST, () => {
  it('lists what was refused, about whom, why and what to fix', async () => {
    renderWithDesk(<RefusedChangesPage />, services);
    const item = await screen.findByRole('listitem', { name: "A patron's details about Ada Lovelace" });
    expect(item).toHaveTextContent('Reason: The patron would not be valid');
    expect(within(item).getByRole('list', { name: 'What to fix' })).toHaveTextContent('emails.0: Not an email address');
    expect(within(item).getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', `#/patrons/${patronId}`);
  });

  it('"Discard" removes it from the list', async () => {
    renderWithDesk(<RefusedChangesPage />, services);
    const item = await screen.findByRole('listitem', { name: "A patron's details about Ada Lovelace" });
    await userEvent.setup().click(within(item).getByRole('button', { name: 'Discard' }));
    expect(await screen.findByText('Nothing refused: every change was accepted.')).toBeInTheDocument();
    expect(await services.db.syncRejected.count()).toBe(0);
    expect(await services.db.outbox.count()).toBe(0);
  });

  it('"Send again" queues the record whole for the server', async () => {
    renderWithDesk(<RefusedChangesPage />, services);
    const item = await screen.findByRole('listitem', { name: "A patron's details about Ada Lovelace" });
    await userEvent.setup().click(within(item).getByRole('button', { name: 'Send again' }));
    await waitFor(async () => expect(await services.db.syncRejected.count()).toBe(0));
    const queued = await queuedChanges(services.db);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.mutation).toMatchObject({ kind: 'edit', entity: 'patron', recordId: patronId });
  });
});
