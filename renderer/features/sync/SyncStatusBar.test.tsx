import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskServices } from '../../app/deskContext';
import type { SyncProblem, SyncStatus } from '../../sync/syncEngine';
import { deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { SyncStatusBar } from './SyncStatusBar';
import { outboxRowOf } from '../../sync/outboxRows';

let services: DeskServices;
beforeEach(async () => {
  services = await deskServices();
  services.store.getState().setAccount({ id: 's1', username: 'bea', displayName: 'Bea', role: 'desk', branchIds: ['b'] });
});

function show(status: Partial<SyncStatus>) {
  services.store.getState().setSync({ connection: 'online', syncing: false, pending: 0, rejected: 0, ...status });
  renderWithDesk(<SyncStatusBar />, services);
  return screen.getByRole('region', { name: 'Sync' });
}

async function queueChanges(n: number) {
  for (let i = 0; i < n; i += 1) {
    await services.db.outbox.add(outboxRowOf([{ patronId: 'p', mutation: { id: `m${i}`, kind: 'erase', entity: 'patron', recordId: 'p', branchId: 'b', hlc: 'x' } as never }]));
  }
}

describe('SyncStatusBar', UI_TEST, () => {
  it('says online, how many changes wait and when the desk last synced', async () => {
    await queueChanges(3);
    const region = show({ lastSyncedAt: services.now() - 2 * 60_000 });
    expect(await within(region).findByText('Online · 3 changes waiting · Last synced 2 minutes ago')).toHaveAttribute('role', 'status');
  });

  it('says offline when the server cannot be reached', async () => {
    const region = show({ connection: 'offline', problem: { code: 'network', message: 'x' } });
    expect(within(region).getByRole('status')).toHaveTextContent(/^Offline · All changes sent · Not synced yet$/);
    expect(within(region).getByRole('alert')).toHaveTextContent('Working offline');
  });

  const problems: Array<[SyncProblem, RegExp]> = [
    [{ code: 'clock-ahead', message: 'x', aheadMs: 7 * 60_000 }, /clock is 7 minutes ahead/],
    [{ code: 'upgrade-required', message: 'x' }, /too old for the server: install the update/],
    [{ code: 'server-too-old', message: 'x' }, /server is older than this app/],
    [{ code: 'signed-out', message: 'x' }, /signed out .* log in again/],
    [{ code: 'forbidden', message: 'Not your branch' }, /refused this desk: Not your branch/],
    [{ code: 'quota', message: 'x' }, /run out of space/],
    [{ code: 'server', message: 'x' }, /server had a problem/],
  ];
  it.each(problems)('explains %o in words', (problem, words) => {
    const region = show({ problem });
    expect(within(region).getByRole('alert')).toHaveTextContent(words);
  });

  it('says when the login is kept only until the app closes, and why', () => {
    services.store.getState().setTokenNotStored('no system keychain');
    const region = show({});
    expect(within(region).getByRole('note')).toHaveTextContent(/kept only until Desk Diary closes.*\(no system keychain\).*asked for your password/);
    services.store.getState().setAccount(null);
    expect(services.store.getState().tokenNotStored).toBeNull();
  });

  it('signed out: "Log in again" forgets the token but keeps the changes', async () => {
    await queueChanges(2);
    const region = show({ problem: { code: 'signed-out', message: 'x' } });
    await userEvent.setup().click(within(region).getByRole('button', { name: 'Log in again' }));
    expect(services.host.deleteSecret).toHaveBeenCalledWith('session-token');
    expect(services.store.getState().account).toBeNull();
    expect(await services.db.outbox.count()).toBe(2);
  });

  it('shows the first sync of a new desk as a progress bar, and "Sync now" asks for a round', async () => {
    const syncNow = vi.fn();
    services.store.getState().setSyncNow(syncNow);
    const region = show({ syncing: true, firstSync: { done: 250, total: 1000 } });
    const bar = within(region).getByRole('progressbar', { name: "Fetching the branch's diary" });
    expect(bar).toHaveAttribute('aria-valuenow', '250');
    expect(bar).toHaveAttribute('aria-valuemax', '1000');
    expect(within(region).getByRole('button', { name: 'Sync now' })).toBeDisabled();
    services.store.getState().setSync({ ...services.store.getState().sync!, syncing: false, firstSync: undefined as never });
    await userEvent.setup().click(await within(region).findByRole('button', { name: 'Sync now' }));
    expect(syncNow).toHaveBeenCalled();
  });

  it('links to refused changes when there are any', async () => {
    await services.db.syncRejected.add({ mutationId: 'm1', patronId: 'p', mutation: { id: 'm1' } as never, code: 'invalid', reason: 'bad', at: 1 });
    const region = show({});
    expect(await within(region).findByRole('link', { name: '1 change refused by the server: review' })).toHaveAttribute('href', '#/refused');
  });

  it('in local mode says nothing is shared', () => {
    services.store.getState().setAccount(null);
    renderWithDesk(<SyncStatusBar />, services);
    expect(screen.getByRole('status')).toHaveTextContent('This desk only: nothing is shared');
  });
});
