import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import { deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { AdminPage } from './AdminPage';

const BRANCH = { id: 'b1', name: 'Main library', createdAt: 1, updatedAt: 1 };
const ALEX = { id: 's1', username: 'alex', displayName: 'Alex Admin', role: 'admin', branchIds: ['b1'], disabled: false, createdAt: 1, updatedAt: 1 };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let services: DeskServices;
let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(async () => {
  services = await deskServices();
  services.store.getState().setServer('', false);
  services.store.getState().setAccount({ id: 's1', username: 'alex', displayName: 'Alex Admin', role: 'admin', branchIds: ['b1'] });
  const staff = [ALEX];
  fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    if (url === '/api/staff' && init.method === 'GET') return json(200, { staff });
    if (url === '/api/branches' && init.method === 'GET') return json(200, { branches: [BRANCH] });
    if (url === '/api/audit?action=log-exported' && init.method === 'GET') {
      return json(200, [{ id: 'a1', at: Date.UTC(2026, 10, 20, 9, 0), staffId: 's2', staffName: 'Mia Manager', action: 'log-exported', detail: { filter: { channels: ['phone'] }, timeZone: 'UTC', rows: 1234, completed: true } }]);
    }
    if (url === '/api/staff' && init.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { password: string };
      if (body.password.length < 10) return json(400, { error: { code: 'validation', message: 'password: too short', fields: [{ path: 'password', message: 'Use at least 10 characters' }] } });
      staff.push({ ...ALEX, ...(body as object), id: 's2', disabled: false } as typeof ALEX);
      return json(201, { staff: staff[1] });
    }
    return json(404, { error: { code: 'route-not-found', message: 'no' } });
  });
  services.fetch = fetchMock as unknown as typeof fetch;
});

describe('AdminPage', UI_TEST, () => {
  it('lists staff and creates a desk member, showing the server\'s field message first', async () => {
    const user = userEvent.setup();
    renderWithDesk(<AdminPage />, services);
    const table = await screen.findByRole('table', { name: 'Staff accounts' });
    expect(within(table).getByRole('row', { name: /Alex Admin alex Administrator Main library Active/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New staff member' }));
    const form = screen.getByRole('form', { name: 'New staff member' });
    await user.type(within(form).getByLabelText('Username'), 'dana');
    await user.type(within(form).getByLabelText('Display name'), 'Dana Desk');
    await user.type(within(form).getByLabelText('Password'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Create staff member' }));
    expect(await within(form).findByText('Use at least 10 characters')).toBeInTheDocument();

    await user.clear(within(form).getByLabelText('Password'));
    await user.type(within(form).getByLabelText('Password'), 'Tidy-Desk-Lamp-42');
    await user.click(within(form).getByRole('button', { name: 'Create staff member' }));
    await waitFor(() => expect(within(table).getByRole('row', { name: /Dana Desk dana Desk staff Main library Active/ })).toBeInTheDocument());
    expect(fetchMock).toHaveBeenCalledWith('/api/staff', expect.objectContaining({ method: 'POST', body: JSON.stringify({ username: 'dana', displayName: 'Dana Desk', role: 'desk', branchIds: ['b1'], password: 'Tidy-Desk-Lamp-42' }) }));
  });

  it('shows who exported the organisation\'s log, when, with which filter and how many rows', async () => {
    renderWithDesk(<AdminPage />, services);
    const table = await screen.findByRole('table', { name: 'Organisation-wide log exports, newest first' });
    expect(within(table).getByRole('row', { name: /Mia Manager channels: phone 1,234 Yes/ })).toBeInTheDocument();
  });

  it('is for administrators only', () => {
    services.store.getState().setAccount({ id: 's3', username: 'm', displayName: 'Max', role: 'manager', branchIds: ['b1'] });
    renderWithDesk(<AdminPage />, services);
    expect(screen.getByRole('alert')).toHaveTextContent('Only administrators');
  });
});
