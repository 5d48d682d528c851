import { render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushRequest } from '@shared/sync/protocol';
import { DeskProvider, type DeskServices } from '../../app/deskContext';
import { arrangePatron, deskServices, UI_TEST } from '../../test/renderDesk';
import { useSync } from './useSync';

function Syncing() {
  useSync();
  return null;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let services: DeskServices;
let pushes: PushRequest[];
let pulls: number;
let streamOpened: number;
beforeEach(async () => {
  services = await deskServices();
  pushes = [];
  pulls = 0;
  streamOpened = 0;
  services.store.getState().setServer('', false);
  services.host.getSecret = vi.fn(async () => 'tok');
  services.fetch = vi.fn(async (url: string, init: RequestInit) => {
    if (url.startsWith('/api/sync/push')) {
      const body = JSON.parse(String(init.body)) as PushRequest;
      pushes.push(body);
      return json(200, { results: body.mutations.map((m, i) => ({ mutationId: m.id, status: 'applied', seq: i + 1 })), serverTime: services.now() });
    }
    if (url.startsWith('/api/sync/pull')) {
      pulls += 1;
      return json(200, { records: [], cursor: 'e:0', more: false, serverTime: services.now() });
    }
    if (url.startsWith('/api/sync/stream')) {
      streamOpened += 1;
      return new Promise<Response>(() => undefined);
    }
    return json(404, { error: { code: 'route-not-found', message: 'no' } });
  }) as unknown as typeof fetch;
});
afterEach(() => {
  services.store.getState().setAccount(null);
});

describe('useSync', UI_TEST, () => {
  it('does nothing without a logged-in staff member', async () => {
    render(<DeskProvider services={services}><Syncing /></DeskProvider>);
    await new Promise((r) => setTimeout(r, 100));
    expect(services.fetch).not.toHaveBeenCalled();
    expect(services.store.getState().syncNow).toBeNull();
  });

  it('while logged in: syncs at once, opens the live stream, pushes after a local write and reports its status', async () => {
    services.store.getState().setAccount({ id: 's', username: 'b', displayName: 'Bea', role: 'desk', branchIds: ['b'] });
    const { unmount } = render(<DeskProvider services={services}><Syncing /></DeskProvider>);
    await waitFor(() => expect(services.store.getState().sync?.lastSyncedAt).toBeDefined());
    expect(pulls).toBeGreaterThan(0);
    expect(streamOpened).toBe(1);

    await arrangePatron(services);
    await waitFor(() => expect(pushes.flatMap((p) => p.mutations)).not.toHaveLength(0), { timeout: 5000 });
    await waitFor(async () => expect(await services.db.outbox.count()).toBe(0));

    unmount();
    expect(services.store.getState().sync).toBeNull();
    expect(services.store.getState().syncNow).toBeNull();
  });
});
