/**
 * The export's time cells at a million rows: the same text as `new Date(ms).toISOString()`
 * and the shared localDateTimeFormatter, with the costly part (calendar and time zone) done
 * once per hour or quarter hour and only the minutes (and seconds) written per cell.
 *
 * They write ASCII bytes straight into the output buffer rather than return strings: at four
 * or five time cells a row, building and then copying out a string per cell was most of
 * the COPY export's CPU time (bench/RESULTS.md §7.3). The string forms below wrap the same
 * writers, and are property-tested against both references (timeTexts.test.ts).
 */
const HOUR = 3_600_000;
const QUARTER = 900_000;
/** toISOString writes years 0–9999 as four digits ("YYYY-MM-DDTHH:mm:ss.sssZ"). */
const ISO_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const ZERO = 0x30;
const COLON = 0x3a;
const DOT = 0x2e;
const Z = 0x5a;

/** Writes a moment's cell text into `out` at `at` (ASCII, at most 32 bytes); returns where it ends. */
export type TimeWriter = (ms: number, out: Buffer, at: number) => number;

function writeAscii(text: string, out: Buffer, at: number): number {
  for (let k = 0; k < text.length; k += 1) out[at + k] = text.charCodeAt(k);
  return at + text.length;
}

function writeTwo(n: number, out: Buffer, at: number): void {
  const tens = (n / 10) | 0;
  out[at] = ZERO + tens;
  out[at + 1] = ZERO + n - tens * 10;
}

/**
 * A direct-mapped cache of 14-byte prefixes ("YYYY-MM-DDTHH:", "yyyy-MM-dd HH:") by hour or
 * quarter-hour number: one slot per number modulo its size, the last one written wins. No
 * hashing, no growth, no clearing, a fixed 1.4 MB: an export's times cluster (each column
 * runs near the entries' own times), so nearly every lookup is a hit, and a miss costs one
 * formatting.
 */
class PrefixCache {
  static readonly SIZE = 1 << 16;
  private readonly keys = new Float64Array(PrefixCache.SIZE).fill(Number.NaN);
  /** Per slot: the minute the prefix's period starts at, or -1 when it has no shortcut. */
  private readonly minutes = new Int8Array(PrefixCache.SIZE);
  private readonly bytes = new Uint8Array(PrefixCache.SIZE * 14);

  /** The slot holding period `key`, filled by `fill` (prefix text or null, and its minute) on a miss. */
  slot(key: number, fill: (key: number) => { prefix: string; minute: number } | null): number {
    const slot = key & (PrefixCache.SIZE - 1);
    if (this.keys[slot] !== key) {
      const start = fill(key);
      if (start && start.prefix.length === 14) {
        for (let k = 0; k < 14; k += 1) this.bytes[slot * 14 + k] = start.prefix.charCodeAt(k);
        this.minutes[slot] = start.minute;
      } else {
        this.minutes[slot] = -1;
      }
      this.keys[slot] = key;
    }
    return slot;
  }

  minuteOf(slot: number): number {
    return this.minutes[slot]!;
  }

  /** Writes the slot's prefix into out at `at`; returns where it ends. */
  write(slot: number, out: Buffer, at: number): number {
    const bytes = this.bytes;
    const from = slot * 14;
    for (let k = 0; k < 14; k += 1) out[at + k] = bytes[from + k]!;
    return at + 14;
  }
}

/** `new Date(ms).toISOString()`, from a per-hour "YYYY-MM-DDTHH:" prefix. */
export function isoWriter(): TimeWriter {
  const hours = new PrefixCache();
  const fill = (hour: number) => ({ prefix: new Date(hour * HOUR).toISOString().slice(0, 14), minute: 0 });
  return (ms, out, at) => {
    if (!(ms >= 0 && ms <= ISO_MAX) || !Number.isInteger(ms)) return writeAscii(new Date(ms).toISOString(), out, at);
    const hour = Math.floor(ms / HOUR);
    const o = hours.write(hours.slot(hour, fill), out, at);
    let rest = ms - hour * HOUR;
    const minute = Math.floor(rest / 60_000);
    rest -= minute * 60_000;
    const second = Math.floor(rest / 1000);
    const milli = rest - second * 1000;
    writeTwo(minute, out, o);
    out[o + 2] = COLON;
    writeTwo(second, out, o + 3);
    out[o + 5] = DOT;
    out[o + 6] = ZERO + ((milli / 100) | 0);
    writeTwo(milli % 100, out, o + 7);
    out[o + 9] = Z;
    return o + 10;
  };
}

/**
 * `formatLocal` ("yyyy-MM-dd HH:mm" in a zone, localTimeFormatter.ts) from the text of each
 * UTC quarter hour's first and last millisecond. The zone's offset is the same throughout a
 * quarter hour (offsets change on quarter hours, the formatter's own premise), so when those
 * two texts are 14 minutes apart in the same hour the offset is whole minutes and every
 * moment between is the first text's "yyyy-MM-dd HH:" plus its own minute. Otherwise (an
 * hour boundary inside, or an offset with seconds, as in old local mean times) each cell is
 * formatted.
 */
export function localWriter(formatLocal: (ms: number) => string): TimeWriter {
  const quarters = new PrefixCache();
  const fill = (quarter: number) => {
    const first = formatLocal(quarter * QUARTER);
    const last = formatLocal(quarter * QUARTER + QUARTER - 1);
    const minute = Number(first.slice(-2));
    return last.slice(0, -2) === first.slice(0, -2) && Number(last.slice(-2)) === minute + 14 ? { prefix: first.slice(0, -2), minute } : null;
  };
  return (ms, out, at) => {
    if (!Number.isInteger(ms)) return writeAscii(formatLocal(ms), out, at);
    const quarter = Math.floor(ms / QUARTER);
    const slot = quarters.slot(quarter, fill);
    const minute = quarters.minuteOf(slot);
    if (minute < 0) return writeAscii(formatLocal(ms), out, at);
    const o = quarters.write(slot, out, at);
    writeTwo(minute + Math.floor((ms - quarter * QUARTER) / 60_000), out, o);
    return o + 2;
  };
}

/** A writer's text as a string (for tests and single cells). */
export function textOf(write: TimeWriter): (ms: number) => string {
  const scratch = Buffer.alloc(64);
  return (ms) => scratch.toString('latin1', 0, write(ms, scratch, 0));
}

/** `new Date(ms).toISOString()`, as isoWriter writes it. */
export const isoTexts = (): ((ms: number) => string) => textOf(isoWriter());

/** `formatLocal`'s text, as localWriter writes it. */
export const localTexts = (formatLocal: (ms: number) => string): ((ms: number) => string) => textOf(localWriter(formatLocal));
