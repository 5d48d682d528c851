import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoginResponse } from '@shared/api/auth';
import type { DeskServices } from '../../app/deskContext';
import { ensureDesk } from '../../db/deskMeta';
import { arrangePatron, deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { LoginScreen } from './LoginScreen';
import { queuedChanges } from '../../sync/outboxRows';

const BRANCH = '0191f7a2-0000-7000-8000-000000000001';
const LOGIN: LoginResponse = {
  token: 'tok-123',
  expiresAt: 1,
  absoluteExpiresAt: 2,
  staff: { id: 's1', username: 'bea', displayName: 'Bea Desk', role: 'desk', branchIds: [BRANCH] },
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let services: DeskServices;
beforeEach(async () => {
  services = await deskServices();
  services.store.getState().setStaff(null);
  services.store.getState().setServer('', false);
});

async function logIn(password = 'correct horse') {
  const user = userEvent.setup();
  renderWithDesk(<LoginScreen />, services);
  await user.type(screen.getByLabelText('Username'), 'bea');
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Log in' }));
  return user;
}

describe('LoginScreen', UI_TEST, () => {
  it('logs in: keeps the token as a secret, stamps with the display name and adopts the local diary into the branch', async () => {
    const patron = await arrangePatron(services);
    const fetchMock = vi.fn(async () => json(200, LOGIN));
    services.fetch = fetchMock as unknown as typeof fetch;
    await logIn();

    await waitFor(() => expect(services.store.getState().account?.displayName).toBe('Bea Desk'));
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/login', expect.objectContaining({ method: 'POST', body: JSON.stringify({ username: 'bea', password: 'correct horse' }) }));
    expect(services.host.setSecret).toHaveBeenCalledWith('session-token', 'tok-123');
    expect(services.store.getState().staff).toBe('Bea Desk');
    expect((await ensureDesk(services.db)).branchId).toBe(BRANCH);
    expect((await services.db.patrons.get(patron.id))?.branchId).toBe(BRANCH);
    expect((await queuedChanges(services.db)).filter((c) => c.mutation.branchId === BRANCH).length).toBeGreaterThan(0);
  });

  it('logs in where the computer cannot store the token (no keychain): keeps it for this run and says so', async () => {
    services.fetch = vi.fn(async () => json(200, LOGIN)) as unknown as typeof fetch;
    services.host.setSecret = vi.fn(async () => {
      throw new Error('Secure storage is not available on this computer (no system keychain)');
    });
    await logIn();

    await waitFor(() => expect(services.store.getState().account?.displayName).toBe('Bea Desk'));
    expect(services.store.getState().tokenNotStored).toMatch(/no system keychain/);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says "Wrong username or password" and keeps nobody logged in', async () => {
    services.fetch = vi.fn(async () => json(401, { error: { code: 'invalid-credentials', message: 'Wrong username or password' } })) as unknown as typeof fetch;
    await logIn('nope');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
    expect(services.store.getState().account).toBeNull();
    expect(services.host.setSecret).not.toHaveBeenCalled();
  });

  it('offline: says the server cannot be reached and offers the desk without an account', async () => {
    services.fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const user = await logIn();

    expect(await screen.findByRole('alert')).toHaveTextContent(/server cannot be reached/);
    expect(services.store.getState().account).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Use this desk without an account (nothing is shared)' }));
    expect(services.store.getState().localMode).toBe(true);
  });

  it('asks for the server address in Electron and keeps it', async () => {
    services.store.getState().setServer(null, true);
    const fetchMock = vi.fn(async () => json(200, LOGIN));
    services.fetch = fetchMock as unknown as typeof fetch;
    const user = userEvent.setup();
    renderWithDesk(<LoginScreen />, services);
    await user.type(screen.getByLabelText('Server address'), 'diary.example.org/');
    await user.type(screen.getByLabelText('Username'), 'bea');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    await waitFor(() => expect(services.store.getState().account).not.toBeNull());
    expect(fetchMock).toHaveBeenCalledWith('https://diary.example.org/api/auth/login', expect.anything());
    expect(services.store.getState().serverUrl).toBe('https://diary.example.org');
  });
});
