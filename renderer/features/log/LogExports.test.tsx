import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogSummary } from '@shared/log/logSummary';
import type { DeskServices } from '../../app/deskContext';
import { deskServices, renderWithDesk, UI_TEST } from '../../test/renderDesk';
import { exportCancelled, type ExportRunOptions } from './export/exportProgress';
import { TEST_CONTEXT, TRICKY_ENTRIES } from './export/exportFixtures';
import { LogExports } from './LogExports';
import type { LogServerApi } from './logServerApi';

// The worker cannot start in jsdom; the stand-in reports like it and finishes when the test says.
const worker = vi.hoisted(() => ({ finish: (_bytes: Uint8Array) => {}, options: undefined as ExportRunOptions | undefined }));
vi.mock('./export/buildLogXlsxInWorker', () => ({
  buildLogXlsxInWorker: (_entries: unknown, _summary: unknown, _heading: unknown, options: ExportRunOptions) =>
    new Promise<Uint8Array>((resolve, reject) => {
      worker.options = options;
      worker.finish = resolve;
      options.signal?.addEventListener('abort', () => reject(exportCancelled()));
    }),
}));

const SUMMARY: LogSummary = { total: TRICKY_ENTRIES.length, byType: {}, byOutcome: {}, byChannel: {} } as LogSummary;
const api = {
  summary: async () => SUMMARY,
  entries: async (_filter: unknown, _sort: unknown, offset: number, limit: number) => ({ entries: TRICKY_ENTRIES.slice(offset, offset + limit), offset, more: false }),
} as unknown as LogServerApi;
const renderExports = (services: DeskServices, logApi: LogServerApi = api) =>
  renderWithDesk(<LogExports api={logApi} filter={{}} sort={{ field: 'at', direction: 'desc' }} context={TEST_CONTEXT} campaignNames={new Map()} />, services);

describe('LogExports', UI_TEST, () => {
  beforeEach(() => {
    worker.options = undefined;
  });

  it('says the workbook is being written while exceljs zips it, with a bar without a value, then saves it', async () => {
    const services = await deskServices();
    vi.mocked(services.host.saveFile).mockResolvedValue({ saved: true, location: 'follow-up-log.xlsx' });
    const user = userEvent.setup();
    renderExports(services);
    await user.click(screen.getByRole('button', { name: 'Export Excel (XLSX)' }));
    await vi.waitFor(() => expect(worker.options).toBeDefined());

    const rows = TRICKY_ENTRIES.length;
    worker.options!.onProgress!(rows, rows * 2);
    // The rows laid out: halfway through the builder's half of the bar (the fetch was the first half).
    const done = rows + Math.round(rows / 2);
    expect(await screen.findByText(`Excel workbook: ${done.toLocaleString()} of ${(rows * 2).toLocaleString()}`)).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute('value', String(done));

    worker.options!.onStage!('writing-file');
    expect(await screen.findByText('Excel workbook: writing the file (a large selection takes a while; CSV is much quicker)')).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', { name: 'Export progress' });
    expect(bar).not.toHaveAttribute('value');
    expect(bar).toHaveAccessibleDescription(/writing the file/);
    expect(screen.getByRole('button', { name: 'Cancel export' })).toBeEnabled();

    worker.finish(new Uint8Array([1, 2, 3]));
    expect(await screen.findByText('Excel workbook: saved follow-up-log.xlsx')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar', { name: 'Export progress' })).not.toBeInTheDocument();
    expect(services.host.saveFile).toHaveBeenCalledWith(expect.objectContaining({ data: new Uint8Array([1, 2, 3]) }));
  });

  it('can be cancelled while the file is written, and the next export starts afresh', async () => {
    const services = await deskServices();
    const user = userEvent.setup();
    renderExports(services);
    await user.click(screen.getByRole('button', { name: 'Export Excel (XLSX)' }));
    await vi.waitFor(() => expect(worker.options).toBeDefined());
    worker.options!.onStage!('writing-file');
    expect(await screen.findByText(/writing the file/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel export' }));
    expect(await screen.findByText('Excel workbook: cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();

    worker.options = undefined;
    await user.click(screen.getByRole('button', { name: 'Export Excel (XLSX)' }));
    await vi.waitFor(() => expect(worker.options).toBeDefined());
    expect(await screen.findByRole('progressbar', { name: 'Export progress' })).toBeInTheDocument();
    expect(screen.queryByText(/writing the file/)).not.toBeInTheDocument();
    expect(services.host.saveFile).not.toHaveBeenCalled();
  });

  it('drops progress that arrives after the export failed, so the buttons come back, and fetches no more pages', async () => {
    // A PDF of 2,500 entries (three pages); the dashboard request fails at once, while the
    // second page is still on its way.
    let releaseSecondPage = () => {};
    const offsets: number[] = [];
    const failing = {
      summary: async () => ({ ...SUMMARY, total: 2500 }),
      dashboard: async () => {
        throw new Error('Bad gateway');
      },
      entries: async (_filter: unknown, _sort: unknown, offset: number) => {
        offsets.push(offset);
        if (offset === 1000) await new Promise<void>((resolve) => (releaseSecondPage = resolve));
        const entries = Array.from({ length: offset < 2000 ? 1000 : 500 }, (_, i) => ({ ...TRICKY_ENTRIES[i % TRICKY_ENTRIES.length]!, eventId: `e${offset + i}` }));
        return { entries, offset, more: offset < 2000 };
      },
    } as unknown as LogServerApi;
    const services = await deskServices();
    const user = userEvent.setup();
    renderExports(services, failing);
    await user.click(screen.getByRole('button', { name: 'Export PDF report' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('PDF report failed: Bad gateway');
    await vi.waitFor(() => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument());

    await vi.waitFor(() => expect(offsets).toEqual([0, 1000]));
    releaseSecondPage();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export PDF report' })).toBeEnabled();
    // The failed export's fetch stopped: the third page was never asked for.
    expect(offsets).toEqual([0, 1000]);
  });
});
