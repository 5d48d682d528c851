/**
 * The export's time cells at a million rows: the same text as `new Date(ms).toISOString()`
 * and the shared localDateTimeFormatter, with the costly part (calendar and time zone) done
 * once per hour or quarter hour and only the minutes (and seconds) written per cell.
 * Property-tested against both (timeTexts.test.ts).
 */
const HOUR = 3_600_000;
const QUARTER = 900_000;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** toISOString writes years 0–9999 as four digits ("YYYY-MM-DDTHH:mm:ss.sssZ"). */
const ISO_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const MAX_CACHED = 100_000;

/** `new Date(ms).toISOString()`, from a per-hour "YYYY-MM-DDTHH:" prefix. */
export function isoTexts(): (ms: number) => string {
  const hours = new Map<number, string>();
  return (ms) => {
    if (ms < 0 || ms > ISO_MAX) return new Date(ms).toISOString();
    const hour = Math.floor(ms / HOUR);
    let prefix = hours.get(hour);
    if (prefix === undefined) {
      if (hours.size >= MAX_CACHED) hours.clear();
      prefix = new Date(hour * HOUR).toISOString().slice(0, 14);
      hours.set(hour, prefix);
    }
    const rest = ms - hour * HOUR;
    return `${prefix}${TWO[Math.floor(rest / 60_000)]}:${TWO[Math.floor(rest / 1000) % 60]}.${THREE[rest % 1000]}Z`;
  };
}

/**
 * `formatLocal` ("yyyy-MM-dd HH:mm" in a zone, localTimeFormatter.ts) from the text of each
 * UTC quarter hour's first and last millisecond. The zone's offset is the same throughout a
 * quarter hour (offsets change on quarter hours, the formatter's own premise), so when those
 * two texts are 14 minutes apart in the same hour the offset is whole minutes and every
 * moment between is the first text plus its whole minutes. Otherwise (an hour boundary
 * inside, or an offset with seconds, as in old local mean times) each cell is formatted.
 */
export function localTexts(formatLocal: (ms: number) => string): (ms: number) => string {
  const quarters = new Map<number, { prefix: string; minute: number } | null>();
  return (ms) => {
    const quarter = Math.floor(ms / QUARTER);
    let start = quarters.get(quarter);
    if (start === undefined) {
      if (quarters.size >= MAX_CACHED) quarters.clear();
      const first = formatLocal(quarter * QUARTER);
      const last = formatLocal(quarter * QUARTER + QUARTER - 1);
      const minute = Number(first.slice(-2));
      start = last.slice(0, -2) === first.slice(0, -2) && Number(last.slice(-2)) === minute + 14 ? { prefix: first.slice(0, -2), minute } : null;
      quarters.set(quarter, start);
    }
    if (start === null) return formatLocal(ms);
    return start.prefix + TWO[start.minute + Math.floor((ms - quarter * QUARTER) / 60_000)]!;
  };
}
