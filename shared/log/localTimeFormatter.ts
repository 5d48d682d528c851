import { TZDate } from '@date-fns/tz';

const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const MAX_CACHED = 100_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * localDateTime (logCellText.ts) for one time zone, fast enough for a million-row export:
 * instead of a time-zone-aware date and a format pattern per cell, the zone's offset is
 * looked up once per UTC day (when the offset is the same at both ends of the day) or else
 * once per quarter hour (every offset change in the tz database since 1970 falls on a
 * quarter hour), and the digits are written by hand. Same text (property-tested).
 */
export function localDateTimeFormatter(timeZone: string): (at: number) => string {
  const offsetAt = (at: number) => -new TZDate(at, timeZone).getTimezoneOffset() * 60_000;
  const days = new Map<number, number | null>();
  const quarters = new Map<number, number>();
  const offsetOf = (at: number): number => {
    const day = Math.floor(at / DAY_MS);
    let whole = days.get(day);
    if (whole === undefined) {
      const start = offsetAt(day * DAY_MS);
      whole = start === offsetAt((day + 1) * DAY_MS - 1) ? start : null;
      if (days.size >= MAX_CACHED) days.clear();
      days.set(day, whole);
    }
    if (whole !== null) return whole;
    // The day of a clock change: look up its quarter hour.
    const quarter = Math.floor(at / QUARTER_MS);
    let offset = quarters.get(quarter);
    if (offset === undefined) {
      offset = offsetAt(quarter * QUARTER_MS);
      if (quarters.size >= MAX_CACHED) quarters.clear();
      quarters.set(quarter, offset);
    }
    return offset;
  };
  return (at) => {
    const d = new Date(at + offsetOf(at));
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
}
