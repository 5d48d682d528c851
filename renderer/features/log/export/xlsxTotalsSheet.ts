import type ExcelJS from 'exceljs';
import { CHANNEL_LABELS, CHANNELS } from '@shared/domain/channels';
import { OUTCOME_LABELS, OUTCOMES } from '@shared/followups/followUp';
import { EVENT_LABELS } from '@shared/followups/followUpEvents';
import { FOLLOW_UP_EVENT_TYPES } from '@shared/log/eventTypes';
import type { LogSummary } from '@shared/log/logSummary';
import { describeExportedAt, describeFilters, describePeriod, type LogExportHeading } from './exportHeading';

/** Label/count rows of one breakdown, in the product's order, zeros included so every sheet has the same rows. */
export function breakdownRows<K extends string>(keys: readonly K[], labels: Record<K, string>, counts: Partial<Record<K, number>>): Array<[string, number]> {
  return keys.map((k) => [labels[k], counts[k] ?? 0]);
}

/**
 * Sheet "Totals": what was exported (title, period, time zone, filters, when) as labelled
 * rows, then the totals by entry type, outcome and channel. Counts are number cells.
 */
export function addTotalsSheet(workbook: ExcelJS.Workbook, summary: LogSummary, heading: LogExportHeading): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('Totals');
  sheet.columns = [{ width: 28 }, { width: 60 }];
  const label = (text: string, value: string | number) => {
    const row = sheet.addRow([text, value]);
    row.getCell(1).font = { bold: true };
  };
  const section = (text: string) => {
    sheet.addRow([]);
    sheet.addRow([text]).font = { bold: true, size: 12 };
  };
  sheet.addRow([heading.title]).font = { bold: true, size: 14 };
  label('Period', describePeriod(heading.filter, heading.context.timeZone));
  label('Time zone', heading.context.timeZone);
  describeFilters(heading).forEach((line, i) => label(i === 0 ? 'Filters' : '', line));
  label('Exported', describeExportedAt(heading));
  label('Entries', summary.total);

  section('By entry type');
  for (const [name, count] of breakdownRows(FOLLOW_UP_EVENT_TYPES, EVENT_LABELS, summary.byType)) sheet.addRow([name, count]);
  section('By outcome (attempts and dones)');
  for (const [name, count] of breakdownRows(OUTCOMES, OUTCOME_LABELS, summary.byOutcome)) sheet.addRow([name, count]);
  section('By channel');
  for (const [name, count] of breakdownRows(CHANNELS, CHANNEL_LABELS, summary.byChannel)) sheet.addRow([name, count]);
  sheet.getColumn(2).alignment = { horizontal: 'left' };
  return sheet;
}
