import type { LogExportContext } from '@shared/log/logColumns';
import { buildFollowUpsIcs, type CalendarFollowUp } from '../../renderer/features/log/export/followUpsIcs';
import { buildLogPdf } from '../../renderer/features/log/export/logPdf';
import { summarizeEntries } from '../../renderer/features/log/export/summarizeEntries';
import { BENCH_BRANCH_NAMES, generateEntries } from './generateEntries';

export interface ReportFigures {
  pdfEntries: number;
  pdfTableRows: number;
  pdfMs: number;
  pdfBytes: number;
  icsEvents: number;
  icsMs: number;
  icsBytes: number;
}

/** The PDF report of `rows` entries (table capped at its default) and an .ics of 1,000 open follow-ups, timed. */
export async function measureReports(rows: number): Promise<ReportFigures> {
  const entries = generateEntries(rows);
  const context: LogExportContext = { timeZone: 'Europe/London', branchNames: BENCH_BRANCH_NAMES };
  let t = performance.now();
  const pdf = await buildLogPdf({
    entries, summary: summarizeEntries(entries), heading: { title: 'Follow-up log', filter: { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) }, context, exportedAt: Date.now() },
  });
  const pdfMs = performance.now() - t;
  const items: CalendarFollowUp[] = Array.from({ length: 1_000 }, (_, i) => ({
    followUp: {
      id: `f${i}`, patronId: `p${i}`, branchId: 'branch-0', reason: 'Book due back', channel: 'phone', firstDueAt: Date.UTC(2026, 11, 1, 9) + i * 600_000,
      assignee: { kind: 'queue' }, source: { kind: 'manual' }, message: '', created: { staff: 'Ada', deskId: 'd', at: Date.UTC(2026, 10, 1) },
      ...(i % 10 === 0 ? { recurrence: { rule: 'FREQ=WEEKLY', label: 'Every week' } } : {}),
    },
    state: { status: 'open', dueAt: Date.UTC(2026, 11, 1, 9) + i * 600_000, assignee: { kind: 'queue' }, claim: undefined, attempts: 0, lastOutcome: undefined, completed: 0, closedAt: undefined, cancelReason: undefined },
    patron: { title: '', firstName: 'José', lastName: `Núñez ${i}`, phones: [{ label: 'mobile', number: '+44 7700 900000' }], emails: [], address: '', flags: [] },
  }));
  t = performance.now();
  const ics = await buildFollowUpsIcs(items, { timeZone: 'Europe/London', exportedAt: Date.UTC(2026, 10, 22) });
  const icsMs = performance.now() - t;
  return { pdfEntries: rows, pdfTableRows: Math.min(rows, 3_000), pdfMs, pdfBytes: pdf.length, icsEvents: items.length, icsMs, icsBytes: ics.length };
}
