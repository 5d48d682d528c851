import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const CRLF = Buffer.from('\r\n', 'latin1');
/** The longest text a time field may turn into ("+275760-09-13T00:00:00.000Z"). */
const MAX_TIME_TEXT = 32;

/** The cell text of a moment given as epoch milliseconds (ASCII), for a time column. */
export type TimeText = (ms: number) => string;

/**
 * PostgreSQL's `COPY … (FORMAT csv)` output as the export's CSV: each record's LF end becomes
 * CRLF (RFC 4180, as csv-stringify writes), and the fields of the time columns, which
 * PostgreSQL writes as bare epoch milliseconds (logCsvCopySql.ts), become their cell text.
 *
 * It reads the CSV only as far as that needs, byte by byte across chunk boundaries: a quote
 * opens or closes a quoted field (a doubled quote inside one closes and reopens it), and
 * outside quotes a comma ends a field and an LF ends a record; an LF inside quotes is data
 * and stays. Time fields are never quoted (digits, or nothing for NULL). Quoting itself is
 * PostgreSQL's; nothing here quotes or unquotes.
 */
export class CopyCsvRecords extends Transform {
  private inQuotes = false;
  private field = 0;
  /** The time field being read: its digits so far (-1 until the first). */
  private value = -1;
  private negative = false;
  private records = 0;
  private out = Buffer.allocUnsafe(0);
  private length = 0;

  /** `times[i]` formats column i when it is a time column; `head` goes out first (BOM and header row). */
  constructor(private readonly times: ReadonlyArray<TimeText | undefined>, head: Buffer) {
    super();
    this.push(head);
  }

  /** Records written out so far. */
  get rows(): number {
    return this.records;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.rewrite(chunk);
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  private rewrite(chunk: Buffer): void {
    this.out = Buffer.allocUnsafe(chunk.length + (chunk.length >> 1) + 256);
    this.length = 0;
    const times = this.times;
    let from = times[this.field] ? -1 : 0; // start of the bytes still to copy; -1 inside a time field
    let i = 0;
    while (i < chunk.length) {
      if (this.inQuotes) {
        const close = chunk.indexOf(QUOTE, i);
        if (close < 0) break;
        this.inQuotes = false;
        i = close + 1;
        continue;
      }
      const b = chunk[i]!;
      if (b === COMMA || b === LF) {
        if (times[this.field]) {
          this.writeTime(times[this.field]!);
          from = i;
        }
        if (b === LF) {
          this.copy(chunk, from, i);
          this.copy(CRLF, 0, 2);
          from = i + 1;
          this.records += 1;
          this.field = 0;
        } else {
          this.field += 1;
        }
        if (times[this.field]) {
          // A time field begins: copy up to it (its delimiter included) and read its digits instead.
          this.copy(chunk, from, i + 1);
          from = -1;
          this.value = -1;
          this.negative = false;
        }
      } else if (from === -1) {
        if (b >= ZERO && b <= NINE) this.value = (this.value < 0 ? 0 : this.value * 10) + (b - ZERO);
        else if (b === MINUS) this.negative = true;
        else throw new Error(`A time column held "${String.fromCharCode(b)}", not epoch milliseconds`);
      } else if (b === QUOTE) {
        this.inQuotes = true;
      }
      i += 1;
    }
    if (from >= 0) this.copy(chunk, from, chunk.length);
    if (this.length > 0) this.push(this.out.subarray(0, this.length));
  }

  override _flush(callback: TransformCallback): void {
    // COPY ends every record with LF, so nothing is left half-read unless the COPY was cut short.
    callback(this.field === 0 && !this.inQuotes ? null : new Error('The COPY output ended inside a record'));
  }

  private writeTime(format: TimeText): void {
    if (this.value < 0) return; // NULL: an empty cell
    this.reserve(MAX_TIME_TEXT);
    this.length += this.out.write(format(this.negative ? -this.value : this.value), this.length, 'latin1');
    this.value = -1;
  }

  private copy(source: Buffer, start: number, end: number): void {
    if (end <= start) return;
    this.reserve(end - start);
    this.length += source.copy(this.out, this.length, start, end);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.length + bytes));
    this.out.copy(bigger, 0, 0, this.length);
    this.out = bigger;
  }
}
