import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const CR = 0x0d;
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

  // One pass over the bytes, state in locals and bytes written straight into `out`: at 200 MB
  // a file, a call or an allocation per field costs seconds.
  private rewrite(chunk: Buffer): void {
    const times = this.times;
    let out = Buffer.allocUnsafe(chunk.length + (chunk.length >> 1) + 256);
    let o = 0;
    let inQuotes = this.inQuotes;
    let field = this.field;
    let time = times[field];
    let value = this.value;
    let negative = this.negative;
    let records = this.records;
    const n = chunk.length;
    for (let i = 0; i < n; i += 1) {
      if (o + MAX_TIME_TEXT + 2 > out.length) {
        const bigger = Buffer.allocUnsafe(out.length * 2);
        out.copy(bigger, 0, 0, o);
        out = bigger;
      }
      const b = chunk[i]!;
      if (inQuotes) {
        if (b === QUOTE) inQuotes = false;
        out[o++] = b;
      } else if (b === COMMA || b === LF) {
        if (time !== undefined && value >= 0) {
          const text = time(negative ? -value : value);
          for (let k = 0; k < text.length; k += 1) out[o++] = text.charCodeAt(k);
        }
        if (b === LF) {
          out[o++] = CR;
          records += 1;
          field = 0;
        } else {
          field += 1;
        }
        out[o++] = b;
        time = times[field];
        value = -1;
        negative = false;
      } else if (time !== undefined) {
        if (b >= ZERO && b <= NINE) value = (value < 0 ? 0 : value * 10) + (b - ZERO);
        else if (b === MINUS) negative = true;
        else throw new Error(`A time column held "${String.fromCharCode(b)}", not epoch milliseconds`);
      } else {
        if (b === QUOTE) inQuotes = true;
        out[o++] = b;
      }
    }
    this.inQuotes = inQuotes;
    this.field = field;
    this.value = value;
    this.negative = negative;
    this.records = records;
    if (o > 0) this.push(out.subarray(0, o));
  }

  override _flush(callback: TransformCallback): void {
    // COPY ends every record with LF, so nothing is left half-read unless the COPY was cut short.
    callback(this.field === 0 && !this.inQuotes ? null : new Error('The COPY output ended inside a record'));
  }
}
