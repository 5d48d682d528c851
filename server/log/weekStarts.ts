import { localDateTimeFormatter } from '@shared/log/localTimeFormatter';

const DAY_MS = 86_400_000;

/** The Monday (yyyy-MM-dd) of a local date, by calendar arithmetic (no time zone involved any more). */
export function mondayOf(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  const back = (new Date(utc).getUTCDay() + 6) % 7;
  return new Date(utc - back * DAY_MS).toISOString().slice(0, 10);
}

/** The local week start (Monday) of an instant in the time zone. */
export function weekStartFinder(timeZone: string): (at: number) => string {
  const local = localDateTimeFormatter(timeZone);
  return (at) => mondayOf(local(at).slice(0, 10));
}

/** Every Monday from the week of `first` to the week of `last`, inclusive, oldest first. */
export function mondaysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 7 * DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
