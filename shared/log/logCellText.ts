import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { neutraliseFormula } from './csvSafety';
import type { LogCell } from './logColumns';

/** A local date and time in the time zone, as "yyyy-MM-dd HH:mm" (sorts as text, reads as a date). */
export function localDateTime(at: number, timeZone: string): string {
  return format(new TZDate(at, timeZone), 'yyyy-MM-dd HH:mm');
}

/**
 * A cell as CSV text: instants in ISO 8601 UTC, local times in the zone, text neutralised
 * against formulas. `formatLocal` may replace localDateTime with a faster equivalent
 * (localTimeFormatter.ts) for large exports.
 */
export function csvCellText(cell: LogCell, timeZone: string, formatLocal: (at: number) => string = (at) => localDateTime(at, timeZone)): string {
  switch (cell.kind) {
    case 'text':
      return neutraliseFormula(cell.value);
    case 'number':
      return String(cell.value);
    case 'instant':
      return new Date(cell.at).toISOString();
    case 'local':
      return formatLocal(cell.at);
    case 'empty':
      return '';
  }
}
