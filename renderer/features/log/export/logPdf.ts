import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { CHANNEL_LABELS, CHANNELS } from '@shared/domain/channels';
import { OUTCOME_LABELS, OUTCOMES } from '@shared/followups/followUp';
import { EVENT_LABELS } from '@shared/followups/followUpEvents';
import { FOLLOW_UP_EVENT_TYPES } from '@shared/log/eventTypes';
import type { LogEntry } from '@shared/log/logEntry';
import type { Dashboard, LogSummary } from '@shared/log/logSummary';
import { describeExportedAt, describeFilters, describePeriod, type LogExportHeading } from './exportHeading';
import { enterStage, throwIfCancelled, type ExportRunOptions } from './exportProgress';
import { columnChartSvg, stackedBarChartSvg } from './pdfCharts';
import { buildEntriesTable } from './pdfEntriesTable';
import { renderPdf } from './pdfRender';
import { donePerWeek, outcomesByChannel } from './reportFigures';
import { breakdownRows } from './xlsxTotalsSheet';

export interface LogPdfInput {
  entries: readonly LogEntry[];
  summary: LogSummary;
  heading: LogExportHeading;
  /** The server's dashboard for the same filter, when online: adds its figures; charts use it. */
  dashboard?: Dashboard;
  /**
   * The table lists at most this many entries (pdfmake lays out ~1,000 rows a second, so
   * 100k would take minutes and 2,000 pages); the report says how many were left out and
   * that the XLSX has them all. Default 3,000.
   */
  maxTableRows?: number;
}

/** A4 landscape less margins, in points. */
const CONTENT_WIDTH = 842 - 2 * 32;

/**
 * The managers' PDF report: title, period, filters in words, summary figures (and the
 * dashboard's when given), bar charts (done per week; outcomes by channel), then the table
 * of entries. Known limit: the embedded Roboto font has no CJK glyphs (they print blank).
 */
export async function buildLogPdf(input: LogPdfInput, options: ExportRunOptions = {}): Promise<Uint8Array> {
  const { entries, summary, heading, dashboard } = input;
  throwIfCancelled(options.signal);
  const limit = Math.min(entries.length, input.maxTableRows ?? 3_000);
  const total = limit * 2;
  const table = await buildEntriesTable(entries.slice(0, limit), heading.context, {
    signal: options.signal,
    onProgress: (done) => options.onProgress?.(done, total),
  });
  const content: Content[] = [
    { text: heading.title, style: 'title' },
    { text: describePeriod(heading.filter, heading.context.timeZone), style: 'period' },
    { text: `Times are local to ${heading.context.timeZone}. Exported ${describeExportedAt(heading)}.`, style: 'note' },
    { ul: describeFilters(heading), style: 'filters' },
    summaryFigures(summary, dashboard),
    charts(entries, heading, dashboard),
    { text: 'Entries', style: 'section', pageBreak: 'before' },
    limit < entries.length
      ? { text: `The first ${limit.toLocaleString('en-GB')} of ${entries.length.toLocaleString('en-GB')} entries. The CSV and XLSX exports list them all.`, style: 'note' }
      : { text: `${entries.length.toLocaleString('en-GB')} entries.`, style: 'note' },
    table,
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 32, 32, 36],
    info: { title: `${heading.title}, ${describePeriod(heading.filter, heading.context.timeZone)}`, creator: 'Desk Diary' },
    footer: (page, pages) => ({ text: `${heading.title} · page ${page} of ${pages}`, alignment: 'center', fontSize: 7, color: '#666' }),
    defaultStyle: { fontSize: 9 },
    styles: {
      title: { fontSize: 18, bold: true },
      period: { fontSize: 13, margin: [0, 2, 0, 2] },
      note: { fontSize: 8, color: '#555', margin: [0, 0, 0, 6] },
      filters: { margin: [0, 0, 0, 8] },
      section: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
      tableHeader: { bold: true, fillColor: '#eeeeee' },
    },
    content,
  };
  throwIfCancelled(options.signal);
  await enterStage(options, 'writing-file');
  const bytes = await renderPdf(doc);
  throwIfCancelled(options.signal);
  options.onProgress?.(total, total);
  return bytes;
}

function countTable(title: string, rows: Array<[string, number]>): Content {
  return {
    stack: [
      { text: title, bold: true, margin: [0, 0, 0, 2] },
      { table: { widths: ['*', 'auto'], body: rows.map(([label, n]) => [label, { text: String(n), alignment: 'right' }]) }, layout: 'lightHorizontalLines' },
    ],
  };
}

function summaryFigures(summary: LogSummary, dashboard: Dashboard | undefined): Content {
  const headline: Array<[string, number | string]> = [['Entries', summary.total]];
  if (dashboard) {
    headline.push(['Overdue now', dashboard.overdueNow]);
    headline.push([
      'Median time to first contact',
      dashboard.medianMinutesToFirstContact === null ? 'none yet' : `${formatMinutes(dashboard.medianMinutesToFirstContact)} (over ${dashboard.firstContactCount} follow-ups)`,
    ]);
  }
  return {
    stack: [
      { text: 'Summary', style: 'section' },
      { text: headline.map(([label, value]) => `${label}: ${value}`).join('    '), bold: true, margin: [0, 0, 0, 6] },
      {
        columns: [
          countTable('By entry type', breakdownRows(FOLLOW_UP_EVENT_TYPES, EVENT_LABELS, summary.byType)),
          countTable('By outcome', breakdownRows(OUTCOMES, OUTCOME_LABELS, summary.byOutcome)),
          countTable('By channel', breakdownRows(CHANNELS, CHANNEL_LABELS, summary.byChannel)),
        ],
        columnGap: 24,
      },
      ...(dashboard && dashboard.campaigns.length > 0
        ? [
            { text: 'Campaigns', style: 'section' },
            {
              table: {
                headerRows: 1,
                widths: ['*', 'auto', 'auto', 'auto'],
                body: [
                  ['Campaign', 'Follow-ups', 'Reached', 'Came back'].map((t) => ({ text: t, style: 'tableHeader' })),
                  ...dashboard.campaigns.map((c) => [c.name, String(c.followUps), String(c.reached), String(c.cameBack)]),
                ],
              },
              layout: 'lightHorizontalLines',
            } satisfies Content,
          ]
        : []),
    ],
  };
}

function charts(entries: readonly LogEntry[], heading: LogExportHeading, dashboard: Dashboard | undefined): Content {
  const weeks = donePerWeek(entries, heading.context.timeZone, dashboard);
  const byChannel = outcomesByChannel(entries, dashboard);
  const outcomeKeys = OUTCOMES.filter((o) => byChannel.some((r) => r.outcome === o)).map((o) => OUTCOME_LABELS[o]);
  const stacked = CHANNELS.filter((c) => byChannel.some((r) => r.channel === c)).map((c) => ({
    label: CHANNEL_LABELS[c],
    parts: OUTCOMES.flatMap((o) => byChannel.filter((r) => r.channel === c && r.outcome === o).map((r) => ({ key: OUTCOME_LABELS[o], value: r.count }))),
  }));
  const half = (CONTENT_WIDTH - 24) / 2;
  return {
    columns: [
      { width: half, stack: [{ text: 'Done per week (weeks start Monday)', style: 'section' }, weeks.length > 0 ? { svg: columnChartSvg(weeks.map((w) => ({ label: w.weekStart.slice(5), value: w.count })), half, 150) } : { text: 'Nothing done in this period.', style: 'note' }] },
      { width: half, stack: [{ text: 'Outcomes by channel (attempts and dones)', style: 'section' }, stacked.length > 0 ? { svg: stackedBarChartSvg(stacked, outcomeKeys, half) } : { text: 'No attempts or dones in this period.', style: 'note' }] },
    ],
    columnGap: 24,
  };
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}
