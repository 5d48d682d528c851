import { tzOffset } from '@date-fns/tz';

/**
 * A spreadsheet date has no time zone: it is a wall-clock reading. exceljs turns a Date
 * into that reading from its UTC fields, so the local time in `timeZone` is handed over as
 * a Date whose UTC fields show it (10:30 in London in July → 10:30Z).
 */
export function wallClockDate(at: number, timeZone: string): Date {
  return new Date(at + tzOffset(timeZone, new Date(at)) * 60_000);
}
