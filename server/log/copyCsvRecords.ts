import { Transform, type TransformCallback } from 'node:stream';
import { FORMULA_STARTS } from '@shared/log/csvSafety';
import type { TimeWriter } from './timeTexts';

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
/** The longest text a time field may turn into ("+275760-09-13T00:00:00.000Z"). */
const MAX_TIME_TEXT = 32;
/** Stretches shorter than this are copied byte by byte (see copy). */
const LONG_COPY = 16;
/** csvSafety.ts's FORMULA_STARTS by first byte: all ASCII, and a UTF-8 lead byte is never ASCII. */
const FORMULA_START = new Uint8Array(256);
for (const c of FORMULA_STARTS) FORMULA_START[c.charCodeAt(0)] = 1;

/**
 * How the transform treats one column's fields: a time column's writer (the field is epoch
 * milliseconds), `'text'` (a text cell: neutralised as csvSafety.ts's neutraliseFormula does,
 * and `""` written as an empty field), or undefined (copied as it is).
 */
export type CopyField = TimeWriter | 'text' | undefined;

/**
 * PostgreSQL's `COPY … (FORMAT csv)` output as the export's CSV: each record's LF end becomes
 * CRLF (RFC 4180, as csv-stringify writes); the fields of the time columns, which
 * PostgreSQL writes as bare epoch milliseconds (logCsvCopySql.ts), become their cell text;
 * and the text columns' fields are made safe and written as csv-stringify writes them: one
 * that starts with = + - @, a tab or CR gets an apostrophe in front (inside the quotes of a
 * quoted field: the apostrophe changes nothing PostgreSQL quotes for), and an empty string,
 * which COPY writes as `""`, becomes an empty field. Doing that in SQL cost PostgreSQL a
 * `CASE` and a `NULLIF` per text cell, eleven a row, about a second at a million rows
 * (bench/RESULTS.md §7.5); here it is one byte looked at, the field's end being found anyway.
 * Quoting itself is PostgreSQL's: nothing here quotes a field, and the only quotes taken
 * away are those of `""`.
 *
 * It reads the CSV only as far as that needs, field by field: a field's end is the one byte
 * it looks for, with none of the per-byte quoting state the first version kept (at a million
 * rows, about 220 MB, that state machine was nearly all of the export's CPU time). An
 * unquoted field is looked through in a plain loop: fields are ten-odd bytes, and twenty
 * `indexOf` calls a record cost more than the bytes (§7.4); a quoted one, rare and perhaps
 * long, with `indexOf`.
 *
 * PostgreSQL quotes exactly the fields that hold a quote, comma, CR or LF, or are empty
 * strings, and a quoted field starts with a quote; so an unquoted field ends at the next
 * comma (at the next LF for the last column), and a quoted one at the first quote not doubled. Time fields are never
 * quoted (digits, or nothing for NULL). Stretches between time fields are copied as they are.
 *
 * A record cut by a chunk boundary is kept and read again with the next chunk, so only whole
 * records are written.
 */
export class CopyCsvRecords extends Transform {
  /** The start of a record that the last chunk ended inside. */
  private carry: Buffer | undefined;
  private records = 0;
  /** Column i's time writer, if it is a time column. */
  private readonly times: ReadonlyArray<TimeWriter | undefined>;
  /** 1 where column i is a text column. */
  private readonly texts: Uint8Array;

  /** `fields[i]` says how column i is treated (one entry per column); `head` goes out first (BOM and header row). */
  constructor(fields: readonly CopyField[], head: Buffer) {
    super();
    this.times = fields.map((f) => (typeof f === 'function' ? f : undefined));
    this.texts = Uint8Array.from(fields, (f) => (f === 'text' ? 1 : 0));
    this.push(head);
  }

  /** Records written out so far. */
  get rows(): number {
    return this.records;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      const input = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
      const end = this.rewrite(input);
      this.carry = end < input.length ? Buffer.from(input.subarray(end)) : undefined;
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  /** Writes out every whole record of `buf`; returns where the first incomplete one starts (buf.length if none). */
  private rewrite(buf: Buffer): number {
    const times = this.times;
    const texts = this.texts;
    const columns = times.length;
    const n = buf.length;
    let out: Buffer = Buffer.allocUnsafe(n + (n >> 1) + 256);
    let o = 0;
    let done = 0; // end of the last whole record read
    let records = this.records;
    for (;;) {
      // One record: [done, …). Each write into `out` below first makes room for itself.
      const start = done;
      let pos = start;
      let copied = start; // bytes of this record before `copied` are already in `out`
      const mark = o;
      let whole = true;
      for (let field = 0; field < columns; field += 1) {
        const last = field === columns - 1;
        let end: number;
        if (pos < n && buf[pos] === QUOTE) {
          let q = pos + 1;
          for (;;) {
            q = buf.indexOf(QUOTE, q);
            if (q < 0 || q + 1 >= n) { end = -1; break; }
            if (buf[q + 1] === QUOTE) { q += 2; continue; }
            end = q + 1;
            break;
          }
        } else {
          end = -1;
          const stop = last ? LF : COMMA;
          for (let i = pos; i < n; i += 1) {
            if (buf[i] === stop) {
              end = i;
              break;
            }
          }
        }
        if (end < 0) { whole = false; break; }
        const time = times[field];
        if (time !== undefined) {
          if (o + (pos - copied) + MAX_TIME_TEXT + 2 > out.length) out = grow(out, o, pos - copied + MAX_TIME_TEXT + 2);
          o = copy(buf, copied, pos, out, o);
          if (end > pos) o = time(epochMs(buf, pos, end), out, o);
          copied = end;
        } else if (texts[field] === 1 && end > pos) {
          const quoted = buf[pos] === QUOTE;
          if (quoted && end - pos === 2) {
            // `""`: an empty string, which csv-stringify writes as nothing.
            if (o + (pos - copied) > out.length) out = grow(out, o, pos - copied);
            o = copy(buf, copied, pos, out, o);
            copied = end;
          } else {
            const first = quoted ? pos + 1 : pos;
            if (FORMULA_START[buf[first]!] === 1) {
              if (o + (first - copied) + 1 > out.length) out = grow(out, o, first - copied + 1);
              o = copy(buf, copied, first, out, o);
              out[o++] = APOSTROPHE;
              copied = first;
            }
          }
        }
        pos = end + 1; // past the comma, or the record's LF
      }
      if (!whole) { o = mark; break; }
      // The record ends with LF at pos - 1: copy up to it, then CRLF.
      if (o + (pos - 1 - copied) + 2 > out.length) out = grow(out, o, pos - 1 - copied + 2);
      o = copy(buf, copied, pos - 1, out, o);
      out[o++] = CR;
      out[o++] = LF;
      records += 1;
      done = pos;
    }
    this.records = records;
    if (o > 0) this.push(out.subarray(0, o));
    return done;
  }

  override _flush(callback: TransformCallback): void {
    // COPY ends every record with LF, so nothing is left over unless the COPY was cut short.
    callback(this.carry ? new Error('The COPY output ended inside a record') : null);
  }
}

/**
 * Copies buf[from, to) into out at o; returns the new end. Buffer.copy costs a call into
 * C++ (and a view) each time, so a few bytes go faster through a loop; but the stretches
 * between time fields are tens to a hundred bytes, three a record, and for those the loop
 * cost more: replaying a captured 1M-row COPY in one process, alternating thresholds, 16
 * bytes took the least CPU of 0, 16, 48 and 1,024 (bench/RESULTS.md §7.4).
 */
function copy(buf: Buffer, from: number, to: number, out: Buffer, o: number): number {
  if (to - from < LONG_COPY) {
    for (let i = from; i < to; i += 1) out[o++] = buf[i]!;
    return o;
  }
  return o + buf.copy(out, o, from, to);
}

/** `out` with room for `more` bytes after its first `used`. */
function grow(out: Buffer, used: number, more: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, used + more));
  out.copy(bigger, 0, 0, used);
  return bigger;
}

/** The epoch milliseconds a time field holds (digits, perhaps after a minus). */
function epochMs(buf: Buffer, from: number, to: number): number {
  let i = from;
  const negative = buf[i] === MINUS;
  if (negative) i += 1;
  if (i === to) throw new Error('A time column held "-", not epoch milliseconds');
  let value = 0;
  for (; i < to; i += 1) {
    const b = buf[i]!;
    if (b < ZERO || b > NINE) throw new Error(`A time column held "${String.fromCharCode(b)}", not epoch milliseconds`);
    value = value * 10 + (b - ZERO);
  }
  return negative ? -value : value;
}
