import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard } from '@shared/log/logSummary';
import type { DeskServices } from '../../app/deskContext';
import { deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { DashboardPage } from './DashboardPage';
import { formatMinutes } from './formatMinutes';

const DASHBOARD: Dashboard = {
  timeZone: 'UTC',
  donePerWeek: [{ weekStart: '2026-11-02', count: 4 }, { weekStart: '2026-11-09', count: 0 }, { weekStart: '2026-11-16', count: 7 }],
  outcomesByChannel: [
    { channel: 'phone', outcome: 'reached', count: 5 },
    { channel: 'phone', outcome: 'no-answer', count: 3 },
    { channel: 'email', outcome: 'emailed', count: 2 },
  ],
  overdueNow: 12,
  medianMinutesToFirstContact: 200,
  firstContactCount: 9,
  campaigns: [{ campaignId: 'c1', name: 'We miss you — autumn', followUps: 40, reached: 11, cameBack: 3 }],
  stageMoves: [{ from: null, to: 'tryer', count: 6 }, { from: 'tryer', to: 'buyer', count: 2 }],
};

let services: DeskServices;
let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(async () => {
  services = await deskServices();
  services.store.getState().setServer('', false);
  services.store.getState().setAccount({ id: 's1', username: 'mia', displayName: 'Mia Manager', role: 'manager', branchIds: ['b1', 'b2'] });
  fetchMock = vi.fn(async (url: string) => {
    const u = new URL(url, 'http://desk.test');
    if (u.pathname === '/api/auth/me') return Response.json({ staff: {}, branches: [{ id: 'b1', name: 'Main' }, { id: 'b2', name: 'East' }] });
    if (u.pathname === '/api/log/dashboard') return Response.json(DASHBOARD);
    return Response.json({ error: { code: 'route-not-found', message: 'no' } }, { status: 404 });
  });
  services.fetch = fetchMock as unknown as typeof fetch;
});

const figures = (name: string) => within(screen.getByRole('table', { name })).getAllByRole('row').slice(1).map((r) => r.textContent);

describe('DashboardPage', UI_TEST, () => {
  it('shows the key figures and every chart\'s numbers', async () => {
    renderWithDesk(<DashboardPage />, services);
    const list = await screen.findByLabelText('Key figures');
    expect(list).toHaveTextContent('Overdue now12');
    expect(list).toHaveTextContent('Median time to first contact3 h 20 min');
    expect(figures('Follow-ups done per week')).toEqual(['2026-11-024', '2026-11-090', '2026-11-167']);
    expect(figures('Outcomes by channel')).toEqual(['Phone530', 'Email002']);
    expect(within(screen.getByRole('table', { name: 'Outcomes by channel' })).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Channel', 'Reached', 'No answer', 'Emailed']);
    expect(figures('Campaign results')).toEqual(['We miss you — autumn40113']);
    expect(figures('Moves on the engagement ladder')).toEqual(['No stage → Tryer6', 'Tryer → Buyer2']);
    expect(screen.getAllByRole('figure')).toHaveLength(4);
  });

  it('asks the server again for another branch, with this desk\'s time zone', async () => {
    const user = userEvent.setup();
    renderWithDesk(<DashboardPage />, services);
    await screen.findByLabelText('Key figures');
    await user.selectOptions(await screen.findByLabelText('Branch'), 'East');
    await waitFor(() => expect(fetchMock).toHaveBeenLastCalledWith(expect.stringMatching(/\/api\/log\/dashboard\?from=.*&branch=b2&tz=/), expect.anything()));
  });
});

describe('formatMinutes', () => {
  it('says minutes as staff say them', () => {
    expect([formatMinutes(45), formatMinutes(60), formatMinutes(200), formatMinutes(2 * 1440 + 240), formatMinutes(3 * 1440)]).toEqual(['45 min', '1 h', '3 h 20 min', '2 days 4 h', '3 days']);
  });
});
