import { tzOffset } from '@date-fns/tz';

const DAY = 86_400_000;
const MINUTE = 60_000;

const offsetAt = (timeZone: string, at: number) => tzOffset(timeZone, new Date(at));

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** "+0100" / "-0330" */
const offsetText = (minutes: number) => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
/** A local wall-clock time as iCalendar's "YYYYMMDDTHHMMSS" (no Z: it is read in the offset it names). */
const localText = (at: number, offsetMinutes: number) => {
  const d = new Date(at + offsetMinutes * MINUTE);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
};

/** The first minute in (from, to] whose offset is not `before` (the zone's offset changes once in it). */
function transitionIn(timeZone: string, from: number, to: number, before: number): number {
  let lo = from;
  let hi = to;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
    if (offsetAt(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * An RFC 5545 VTIMEZONE for an IANA zone over whole years, from the runtime's own zone data
 * (Intl): one STANDARD or DAYLIGHT block per offset change, each with its exact start. A
 * TZID in an .ics must name a VTIMEZONE in the file; without one, calendar programs (and
 * ical.js) guess or treat times as floating. Listing each change instead of a yearly RRULE
 * also gets zones whose rules changed over the years right.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const block = (kind: 'STANDARD' | 'DAYLIGHT', at: number, from: number, to: number) =>
    [`BEGIN:${kind}`, `DTSTART:${localText(at, from)}`, `TZOFFSETFROM:${offsetText(from)}`, `TZOFFSETTO:${offsetText(to)}`, `END:${kind}`];
  const first = offsetAt(timeZone, start);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...block('STANDARD', start, first, first)];
  let current = first;
  for (let day = start; day < end; day += DAY) {
    const next = offsetAt(timeZone, day + DAY);
    if (next === current) continue;
    const at = transitionIn(timeZone, day, day + DAY, current);
    lines.push(...block(next > current ? 'DAYLIGHT' : 'STANDARD', at, current, next));
    current = next;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
