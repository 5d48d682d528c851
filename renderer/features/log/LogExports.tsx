import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { isDeskError } from '@shared/errors/deskError';
import type { LogExportContext } from '@shared/log/logColumns';
import type { LogFilter, LogSort } from '@shared/log/logQuery';
import { useDesk, useDeskState } from '../../app/deskContext';
import { exportFileName, EXPORT_MIME_TYPES, type LogExportFormat } from './export/exportFileName';
import type { LogExportHeading } from './export/exportHeading';
import type { ExportStage } from './export/exportProgress';
import { fetchAllEntries } from './fetchAllEntries';
import type { LogServerApi } from './logServerApi';
import { openFollowUpsForCalendar } from './openFollowUpsForCalendar';

interface Props {
  api: LogServerApi;
  filter: LogFilter;
  sort: LogSort;
  context: LogExportContext;
  campaignNames: ReadonlyMap<string, string>;
}

interface Running {
  what: string;
  format: LogExportFormat;
  done: number;
  total: number;
  /** A step of the builder without progress of its own (writing an XLSX's zip, laying out a PDF). */
  stage?: ExportStage;
}

/** The builder's callbacks for the progress row. */
interface Progress {
  signal: AbortSignal;
  progress: (done: number, total: number) => void;
  stage: (stage: ExportStage) => void;
}

// The builders (exceljs in its worker, pdfmake, ical-generator) load on first use: the desk's start does not pay for them.
/**
 * Exports of what the log shows (its filter and sort): CSV, XLSX and PDF built on this desk,
 * the open follow-ups as iCalendar, and — for managers — the organisation-wide CSV streamed
 * by the server (and recorded in its audit log). Files are saved through the host: a save
 * dialog in Electron, a download in the browser. Long exports show progress and can be
 * cancelled.
 */
export function LogExports({ api, filter, sort, context, campaignNames }: Props) {
  const { db, host, now } = useDesk();
  const role = useDeskState((s) => s.account?.role);
  const [running, setRunning] = useState<Running | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const abort = useRef<AbortController | null>(null);
  const progressTextId = useId();

  async function run(what: string, format: LogExportFormat, subject: string, build: (run: Progress) => Promise<Uint8Array>) {
    const controller = new AbortController();
    abort.current = controller;
    setMessage('');
    setError('');
    setRunning({ what, format, done: 0, total: 0 });
    // Reports that come after this run has ended (a fetch still under way when a sibling
    // request failed) are dropped: they would bring back a progress row nothing can close.
    const live = () => abort.current === controller;
    try {
      const data = await build({
        signal: controller.signal,
        progress: (done, total) => {
          if (live()) setRunning({ what, format, done, total });
        },
        // Committed at once: the builder waits for the next frame to show it, then holds the thread.
        stage: (stage) => {
          if (live()) flushSync(() => setRunning((r) => (r ? { ...r, stage } : r)));
        },
      });
      if (controller.signal.aborted) throw new Error('cancelled');
      const suggestedName = exportFileName({ subject, format, timeZoneInName: true, ...(filter.from === undefined ? {} : { from: filter.from }), ...(filter.to === undefined ? {} : { to: filter.to }), timeZone: context.timeZone });
      const saved = await host.saveFile({ suggestedName, mimeType: EXPORT_MIME_TYPES[format], data });
      setMessage(saved.saved ? `${what}: saved ${saved.location}` : `${what}: not saved`);
    } catch (err) {
      if (controller.signal.aborted || isDeskError(err, 'aborted')) setMessage(`${what}: cancelled`);
      else setError(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      abort.current = null;
      // Whatever of the run is still going (the rest of a fetch) stops.
      controller.abort();
      setRunning(null);
    }
  }

  const heading = (): LogExportHeading => ({ title: 'Follow-up log', filter, context, campaignNames, exportedAt: now() });

  /** The entries and totals of the current filter, fetched from the server with progress (the first half of the bar). */
  async function selection(signal: AbortSignal, progress: (done: number, total: number) => void) {
    const summary = await api.summary(filter);
    const entries = await fetchAllEntries(api, filter, sort, summary.total, { signal, onProgress: (done, total) => progress(done, total * 2) });
    const half = (done: number, total: number) => progress(entries.length + Math.round((done / Math.max(total, 1)) * entries.length), entries.length * 2);
    return { summary, entries, half };
  }

  const exports = {
    csv: () => run('CSV', 'csv', 'follow-up-log', async ({ signal, progress }) => {
      const [{ buildLogCsv }, { entries, half }] = await Promise.all([import('./export/logCsv'), selection(signal, progress)]);
      return buildLogCsv(entries, context, { signal, onProgress: half });
    }),
    xlsx: () => run('Excel workbook', 'xlsx', 'follow-up-log', async ({ signal, progress, stage }) => {
      // In a Web Worker: exceljs's zip step runs for seconds without yielding (bench/RESULTS.md §6).
      const [{ buildLogXlsxInWorker }, { entries, summary, half }] = await Promise.all([import('./export/buildLogXlsxInWorker'), selection(signal, progress)]);
      return buildLogXlsxInWorker(entries, summary, heading(), { signal, onProgress: half, onStage: stage });
    }),
    pdf: () => run('PDF report', 'pdf', 'follow-up-report', async ({ signal, progress, stage }) => {
      const [{ buildLogPdf }, { entries, summary, half }, dashboard] = await Promise.all([
        import('./export/logPdf'),
        selection(signal, progress),
        api.dashboard(filter, context.timeZone),
      ]);
      return buildLogPdf({ entries, summary, heading: heading(), dashboard }, { signal, onProgress: half, onStage: stage });
    }),
    ics: () => run('Calendar', 'ics', 'open-follow-ups', async ({ signal, progress }) => {
      const [{ buildFollowUpsIcs }, items] = await Promise.all([import('./export/followUpsIcs'), openFollowUpsForCalendar(db, filter)]);
      return buildFollowUpsIcs(items, { signal, onProgress: progress, timeZone: context.timeZone, exportedAt: now() });
    }),
    organisation: () => run('Organisation CSV', 'csv', 'follow-up-log-organisation', async ({ signal, progress }) => {
      const response = await api.exportCsv(filter, sort, context.timeZone, signal);
      return readWithProgress(response, signal, progress);
    }),
  };

  const busy = running !== null;
  return (
    <section className="panel log-exports" aria-labelledby="log-exports-title">
      <h2 id="log-exports-title">Export</h2>
      <div className="row" role="group" aria-label="Export what the log shows">
        <button type="button" disabled={busy} onClick={() => void exports.csv()}>Export CSV</button>
        <button type="button" disabled={busy} onClick={() => void exports.xlsx()}>Export Excel (XLSX)</button>
        <button type="button" disabled={busy} onClick={() => void exports.pdf()}>Export PDF report</button>
        <button type="button" disabled={busy} onClick={() => void exports.ics()}>Open follow-ups as calendar (.ics)</button>
        {(role === 'manager' || role === 'admin') && (
          <button type="button" disabled={busy} onClick={() => void exports.organisation()}>Whole organisation (CSV from the server)</button>
        )}
      </div>
      {running && (
        <div className="row">
          {/* No value while a step runs without progress: the bar shows it is waiting, the words say for what. */}
          <progress aria-label="Export progress" aria-describedby={progressTextId} {...(running.stage || !running.total ? {} : { max: running.total, value: running.done })} />
          <span id={progressTextId}>{running.what}: {progressText(running)}</span>
          <button type="button" onClick={() => abort.current?.abort()}>Cancel export</button>
        </div>
      )}
      <p role="status" className="meta">{message}</p>
      {error && <p role="alert" className="form-error">{error}</p>}
    </section>
  );
}

function progressText({ done, total, stage, format }: Running): string {
  // exceljs writes 100,000 entries' zip in 20–30 s, with nothing to report meanwhile (bench/RESULTS.md §6).
  if (stage === 'writing-file') return `writing the file (a large selection takes a while${format === 'xlsx' ? '; CSV is much quicker' : ''})`;
  if (total > 0) return `${done.toLocaleString()} of ${total.toLocaleString()}`;
  // A streamed export counts bytes: the server cannot know its size ahead.
  return done > 0 ? `${(done / 1_000_000).toFixed(1)} MB received` : 'starting…';
}

/** Reads a streamed export to the end, reporting bytes received (the server cannot know the size ahead). */
async function readWithProgress(response: Response, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    if (signal.aborted) {
      await reader.cancel();
      throw new Error('cancelled');
    }
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.byteLength;
    progress(size, 0);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
