import { TZDate } from '@date-fns/tz';
import { format, subMilliseconds } from 'date-fns';

export type LogExportFormat = 'csv' | 'xlsx' | 'pdf' | 'ics';

export interface ExportFileNameInput {
  /** What the file holds, e.g. "follow-up-log" (made safe for any file system). */
  subject: string;
  format: LogExportFormat;
  /** The period, epoch ms: from inclusive, to exclusive (as LogFilter has it). */
  from?: number;
  to?: number;
  /** The days are named in this zone: the period a manager picked is in local days. */
  timeZone: string;
  /** Append the zone ("_Europe-London"): a CSV names its zone nowhere else. Default false. */
  timeZoneInName?: boolean;
}

const day = (at: number, timeZone: string) => format(new TZDate(at, timeZone), 'yyyy-MM-dd');

/**
 * "follow-up-log_2026-11-01_to_2026-11-30.csv". The end is exclusive, so the last day
 * named is the day of the last millisecond inside the period; an open end says "until"
 * or "from", no period at all names nothing.
 */
export function exportFileName({ subject, format: ext, from, to, timeZone, timeZoneInName = false }: ExportFileNameInput): string {
  const safe = subject.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'export';
  const end = to === undefined ? undefined : day(subMilliseconds(to, 1).getTime(), timeZone);
  const start = from === undefined ? undefined : day(from, timeZone);
  const period = start && end ? (start === end ? `_${start}` : `_${start}_to_${end}`) : start ? `_from_${start}` : end ? `_until_${end}` : '';
  const zone = timeZoneInName ? `_${timeZone.replace(/[^\w+-]+/g, '-')}` : '';
  return `${safe}${period}${zone}.${ext}`;
}

export const EXPORT_MIME_TYPES: Record<LogExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  ics: 'text/calendar;charset=utf-8',
};
