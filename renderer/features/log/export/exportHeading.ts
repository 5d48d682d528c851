import { TZDate } from '@date-fns/tz';
import { format, subMilliseconds } from 'date-fns';
import { CHANNEL_LABELS } from '@shared/domain/channels';
import { OUTCOME_LABELS } from '@shared/followups/followUp';
import { EVENT_LABELS } from '@shared/followups/followUpEvents';
import type { LogExportContext } from '@shared/log/logColumns';
import type { LogFilter } from '@shared/log/logQuery';

/** What a report says above its figures: the XLSX totals sheet and the PDF's first lines. */
export interface LogExportHeading {
  /** E.g. "Follow-up log". */
  title: string;
  /** The filter the entries were selected by; its from/to is the period. */
  filter: LogFilter;
  /** The zone of every local date and time, and branch names for the filter's branches. */
  context: LogExportContext;
  /** Campaign names by id, to name the filter's campaign (else its id is shown). */
  campaignNames?: ReadonlyMap<string, string>;
  /** When the export was made (epoch ms). */
  exportedAt: number;
}

const dayText = (at: number, timeZone: string) => format(new TZDate(at, timeZone), 'd MMM yyyy');

/**
 * The period in words, in local days: "1 Nov 2026 – 30 Nov 2026". The end is exclusive,
 * so a period ending at midnight names the day before.
 */
export function describePeriod(filter: LogFilter, timeZone: string): string {
  const from = filter.from === undefined ? undefined : dayText(filter.from, timeZone);
  const to = filter.to === undefined ? undefined : dayText(subMilliseconds(filter.to, 1).getTime(), timeZone);
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return `From ${from}`;
  if (to) return `Until ${to}`;
  return 'All time';
}

/** Every narrowing of the filter, except the period, in words; ["No filters: every entry"] when none. */
export function describeFilters(heading: Pick<LogExportHeading, 'filter' | 'context' | 'campaignNames'>): string[] {
  const { filter, context, campaignNames } = heading;
  const lines: string[] = [];
  const add = (label: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) lines.push(`${label}: ${values.join(', ')}`);
  };
  add('Staff', filter.staff);
  add('Branches', filter.branchIds?.map((id) => context.branchNames.get(id) ?? id));
  add('Channels', filter.channels?.map((c) => CHANNEL_LABELS[c]));
  add('Outcomes', filter.outcomes?.map((o) => OUTCOME_LABELS[o]));
  add('Entries', filter.types?.map((t) => EVENT_LABELS[t]));
  if (filter.campaignId !== undefined) add('Campaign', [campaignNames?.get(filter.campaignId) ?? filter.campaignId]);
  if (filter.patronId !== undefined) add('Patron id', [filter.patronId]);
  return lines.length > 0 ? lines : ['No filters: every entry'];
}

/** "2026-11-22 10:15 (Europe/London)": when a report was made, in its own zone. */
export function describeExportedAt(heading: Pick<LogExportHeading, 'exportedAt' | 'context'>): string {
  return `${format(new TZDate(heading.exportedAt, heading.context.timeZone), 'yyyy-MM-dd HH:mm')} (${heading.context.timeZone})`;
}
