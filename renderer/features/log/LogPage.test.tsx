import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry } from '@shared/log/logEntry';
import { LogPageQuerySchema } from '@shared/log/logQuery';
import type { DeskServices } from '../../app/deskContext';
import { deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { LogPage } from './LogPage';

const CHANNELS = ['phone', 'email', 'letter'] as const;
const ENTRIES: LogEntry[] = Array.from({ length: 1000 }, (_, i) => ({
  eventId: `e${String(i).padStart(4, '0')}`, followUpId: `f${i}`, patronId: `p${i % 37}`, patronName: `Patron ${String(i % 37).padStart(2, '0')}`, branchId: 'b1',
  type: i % 2 === 0 ? 'done' : 'created', at: Date.UTC(2026, 10, 1) + i * 60_000, staff: i % 3 === 0 ? 'Anna' : 'Ben', deskId: 'd1', deskName: 'Front desk',
  outcome: i % 2 === 0 ? 'reached' : null, comment: '', until: null, assignedTo: null, channel: CHANNELS[i % 3]!, reason: 'Book due', campaignId: null,
  campaignName: null, followUpCreatedAt: Date.UTC(2026, 10, 1), firstDueAt: Date.UTC(2026, 10, 2),
}));

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A fake of the server's log endpoints: filters by channel, sorts by time or patron, pages. */
function fakeLogServer(delays: { entries?: (query: URLSearchParams) => number } = {}) {
  return vi.fn(async (url: string) => {
    const u = new URL(url, 'http://desk.test');
    const pairs: Record<string, string | string[]> = {};
    for (const [k, v] of u.searchParams) pairs[k] = k in pairs ? [...[pairs[k]!].flat(), v] : v;
    if (u.pathname === '/api/auth/me') return json({ staff: {}, branches: [{ id: 'b1', name: 'Main' }] });
    if (u.pathname === '/api/log/facets') return json({ staff: ['Anna', 'Ben'], campaigns: [] });
    const { sort, dir, offset, limit, ...filterPairs } = pairs;
    const q = LogPageQuerySchema.parse({ ...filterPairs, ...(sort ? { sort, dir } : {}), ...(offset ? { offset, limit } : {}) });
    const selected = ENTRIES.filter((e) => !q.filter.channels || (e.channel !== null && q.filter.channels.includes(e.channel)));
    if (u.pathname === '/api/log/summary') return json({ total: selected.length, byType: {}, byOutcome: {}, byChannel: {} });
    if (u.pathname === '/api/log/entries') {
      const key = (e: LogEntry) => (q.sort.field === 'patron' ? `${e.patronName}|${e.at}` : String(e.at).padStart(15, '0'));
      const sorted = [...selected].sort((a, b) => (key(a) < key(b) ? -1 : 1) * (q.sort.direction === 'asc' ? 1 : -1));
      const delay = delays.entries?.(u.searchParams) ?? 0;
      if (delay) await new Promise((r) => setTimeout(r, delay));
      return json({ entries: sorted.slice(q.offset, q.offset + q.limit), offset: q.offset, more: q.offset + q.limit < sorted.length });
    }
    return json({ error: { code: 'route-not-found', message: 'no' } }, 404);
  });
}

let services: DeskServices;
beforeEach(async () => {
  // jsdom has no layout: give elements the size of a desk screen so the virtual list shows a window of rows.
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(1000);
  services = await deskServices();
  services.store.getState().setServer('', false);
  services.store.getState().setAccount({ id: 's1', username: 'mia', displayName: 'Mia Manager', role: 'manager', branchIds: ['b1'] });
});

afterEach(() => vi.restoreAllMocks());

const logTable = () => screen.getByRole('table', { name: 'Follow-up log' });
const bodyRows = () => within(logTable()).getAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') !== '1');

describe('LogPage', UI_TEST, () => {
  it('shows the count and only the rows on screen of a long log, newest first', async () => {
    services.fetch = fakeLogServer() as unknown as typeof fetch;
    renderWithDesk(<LogPage />, services);
    expect(await screen.findByText('1,000 entries')).toHaveAttribute('role', 'status');
    await waitFor(() => expect(bodyRows()[0]).toHaveTextContent('Patron'));
    expect(logTable()).toHaveAttribute('aria-rowcount', '1001');
    const rows = bodyRows();
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]).toHaveAttribute('aria-rowindex', '2');
    // Newest first: entry 999 (a created entry, by Anna, by phone) heads the list.
    expect(within(rows[0]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(expect.arrayContaining(['Created', 'Patron 00', 'Phone', 'Anna']));
  });

  it('narrows the list as soon as a filter is chosen, and sorts by a column header', async () => {
    const fetchMock = fakeLogServer();
    services.fetch = fetchMock as unknown as typeof fetch;
    const user = userEvent.setup();
    renderWithDesk(<LogPage />, services);
    await screen.findByText('1,000 entries');
    await user.selectOptions(screen.getByLabelText('Channel'), 'Email');
    expect(await screen.findByText('333 entries')).toBeInTheDocument();
    await waitFor(() => expect(bodyRows().every((r) => within(r).queryByText('Email'))).toBe(true));

    const patronHeader = within(logTable()).getByRole('columnheader', { name: /Patron/ });
    await user.click(within(patronHeader).getByRole('button', { name: /Patron/ }));
    expect(patronHeader).toHaveAttribute('aria-sort', 'ascending');
    await waitFor(() => expect(within(bodyRows()[0]!).getByText('Patron 00')).toBeInTheDocument());
    expect(fetchMock).toHaveBeenCalledWith(expect.stringMatching(/\/api\/log\/entries\?channel=email&sort=patron&dir=asc&offset=0&limit=200$/), expect.anything());
  });

  it('never shows a late answer to the previous filter', async () => {
    // The unfiltered first page answers after the email-only one.
    services.fetch = fakeLogServer({ entries: (q) => (q.has('channel') ? 0 : 300) }) as unknown as typeof fetch;
    const user = userEvent.setup();
    renderWithDesk(<LogPage />, services);
    await user.selectOptions(screen.getByLabelText('Channel'), 'Email');
    await waitFor(() => expect(bodyRows()[0]).toHaveTextContent('Email'));
    await new Promise((r) => setTimeout(r, 400));
    expect(bodyRows().every((r) => within(r).queryByText('Email'))).toBe(true);
  });

  it('says so beside the dates when "From" is after "To", and keeps the list it had', async () => {
    const fetchMock = fakeLogServer();
    services.fetch = fetchMock as unknown as typeof fetch;
    const user = userEvent.setup();
    renderWithDesk(<LogPage />, services);
    await screen.findByText('1,000 entries');
    const calls = fetchMock.mock.calls.length;
    await user.type(screen.getByLabelText('From'), '2026-11-10');
    await user.type(screen.getByLabelText('To'), '2026-11-01');
    expect(screen.getByLabelText('To')).toHaveAccessibleDescription('"From" must not be after "To"');
    expect(fetchMock.mock.calls.slice(calls).some(([url]) => String(url).includes('to='))).toBe(false);
  });

  it('exports what the log shows as CSV through the host (every page of the selection, with the header)', async () => {
    services.fetch = fakeLogServer() as unknown as typeof fetch;
    const saveFile = vi.mocked(services.host.saveFile).mockResolvedValue({ saved: true, location: 'follow-up-log.csv' });
    const user = userEvent.setup();
    renderWithDesk(<LogPage />, services);
    await user.selectOptions(screen.getByLabelText('Channel'), 'Email');
    await screen.findByText('333 entries');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1));
    const request = saveFile.mock.calls[0]![0];
    expect(request.suggestedName).toMatch(/^follow-up-log.*\.csv$/);
    expect(request.mimeType).toMatch(/^text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(request.data as Uint8Array);
    expect(text.startsWith('\uFEFFTime (UTC),Local date and time,Entry,')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(334);
    expect(lines.slice(1).every((l) => l.includes(',Email,'))).toBe(true);
    expect(await screen.findByText(/CSV: saved follow-up-log\.csv/)).toBeInTheDocument();
  });

  it('cancels a long export on request and saves nothing', async () => {
    // The export's page of entries takes a second, so it is still fetching when Cancel is
    // pressed, even on a busy machine (cancelled then, nothing is built). jsdom has no Worker,
    // so a build that had started would run on this thread, where exceljs's zip step is heard
    // only when it ends.
    services.fetch = fakeLogServer({ entries: (q) => (q.get('limit') === '1000' ? 1000 : 0) }) as unknown as typeof fetch;
    const user = userEvent.setup();
    renderWithDesk(<LogPage />, services);
    await screen.findByText('1,000 entries');
    await user.click(screen.getByRole('button', { name: 'Export Excel (XLSX)' }));
    expect(await screen.findByRole('progressbar', { name: 'Export progress' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel export' }));
    expect(await screen.findByText('Excel workbook: cancelled', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(services.host.saveFile).not.toHaveBeenCalled();
  });

  it('asks for a staff account in local mode', () => {
    services.store.getState().setAccount(null);
    renderWithDesk(<LogPage />, services);
    expect(screen.getByRole('alert')).toHaveTextContent('log in with a staff account');
  });
});
