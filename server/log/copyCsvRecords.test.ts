import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '@shared/log/csvSafety';
import { CopyCsvRecords, type CopyField } from './copyCsvRecords';
import { isoWriter } from './timeTexts';

/**
 * Four columns: a time, a text, a time, a plain one; PostgreSQL's CSV as COPY writes it (LF
 * ends, quotes only where needed, an empty string as `""`, NULL as nothing).
 */
const COPY = [
  '1795399181911,plain,,=plain column\n',
  ',"quoted, with ""quotes"" and\na line break",-1000,""\n',
  '0,"""",1,x\n',
  '1795399181911,"ends with a quote""",,\n',
  '42,"\r\n",7,\n',
  '1,"",2,\n',
  '3,=HYPERLINK(x),4,-5\n',
  '5,"=HYPERLINK(""http://x""), with a comma",6,\n',
  '7,\tindented,8,\n',
  '9,-5,10,\n',
  '11,+44 20,12,\n',
  '13,@mention,14,\n',
  "15,'=already safe,16,\n",
  '17,"""=quoted first",18,\n',
].join('');
const EXPECTED = [
  'HEAD\r\n',
  '2026-11-23T01:59:41.911Z,plain,,=plain column\r\n',
  ',"quoted, with ""quotes"" and\na line break",1969-12-31T23:59:59.000Z,""\r\n',
  '1970-01-01T00:00:00.000Z,"""",1970-01-01T00:00:00.001Z,x\r\n',
  '2026-11-23T01:59:41.911Z,"ends with a quote""",,\r\n',
  '1970-01-01T00:00:00.042Z,"\'\r\n",1970-01-01T00:00:00.007Z,\r\n',
  '1970-01-01T00:00:00.001Z,,1970-01-01T00:00:00.002Z,\r\n',
  "1970-01-01T00:00:00.003Z,'=HYPERLINK(x),1970-01-01T00:00:00.004Z,-5\r\n",
  '1970-01-01T00:00:00.005Z,"\'=HYPERLINK(""http://x""), with a comma",1970-01-01T00:00:00.006Z,\r\n',
  "1970-01-01T00:00:00.007Z,'\tindented,1970-01-01T00:00:00.008Z,\r\n",
  "1970-01-01T00:00:00.009Z,'-5,1970-01-01T00:00:00.010Z,\r\n",
  "1970-01-01T00:00:00.011Z,'+44 20,1970-01-01T00:00:00.012Z,\r\n",
  "1970-01-01T00:00:00.013Z,'@mention,1970-01-01T00:00:00.014Z,\r\n",
  "1970-01-01T00:00:00.015Z,'=already safe,1970-01-01T00:00:00.016Z,\r\n",
  '1970-01-01T00:00:00.017Z,"""=quoted first",1970-01-01T00:00:00.018Z,\r\n',
].join('');
const ROWS = 14;

async function rewrite(chunks: readonly Buffer[], fields: readonly CopyField[] = [isoWriter(), 'text', isoWriter(), undefined]): Promise<{ text: string; rows: number }> {
  const records = new CopyCsvRecords(fields, Buffer.from('HEAD\r\n'));
  const parts: Buffer[] = [];
  await pipeline(Readable.from(chunks), records, new Writable({ write: (chunk: Buffer, _e, done) => { parts.push(chunk); done(); } }));
  return { text: Buffer.concat(parts).toString('utf8'), rows: records.rows };
}

describe('COPY CSV records → the export\'s CSV', () => {
  it('ends records with CRLF, writes time cells, neutralises text cells and empties their "", leaving quoting as PostgreSQL wrote it', async () => {
    expect(await rewrite([Buffer.from(COPY)])).toEqual({ text: EXPECTED, rows: ROWS });
  });

  it('writes the same bytes however the COPY output is cut into chunks, even inside a quote pair, a "" or a time field', async () => {
    const bytes = Buffer.from(COPY);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      expect((await rewrite([bytes.subarray(0, cut), bytes.subarray(cut)])).text, `cut at ${cut}`).toBe(EXPECTED);
    }
    const single = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect(await rewrite(single)).toEqual({ text: EXPECTED, rows: ROWS });
  });

  it('fails when the COPY output stops inside a record, or a time column holds something else', async () => {
    await expect(rewrite([Buffer.from('1,"open quote\n')])).rejects.toThrow('The COPY output ended inside a record');
    await expect(rewrite([Buffer.from('12:00,x,,\n')])).rejects.toThrow('A time column held ":", not epoch milliseconds');
  });

  it('makes text columns safe first and last in the record too (the last ends at the LF), however it is cut', async () => {
    const copy = '=a,1,""\n"",,=x\n"-a,b",2,"=a,b"\n@,3,"\ttab, quoted"\nplain,4,\n';
    const expected = "HEAD\r\n'=a,1970-01-01T00:00:00.001Z,\r\n,,'=x\r\n\"'-a,b\",1970-01-01T00:00:00.002Z,\"'=a,b\"\r\n'@,1970-01-01T00:00:00.003Z,\"'\ttab, quoted\"\r\nplain,1970-01-01T00:00:00.004Z,\r\n";
    const fields: CopyField[] = ['text', isoWriter(), 'text'];
    const bytes = Buffer.from(copy);
    for (let cut = 0; cut < bytes.length; cut += 1) {
      expect((await rewrite([bytes.subarray(0, cut), bytes.subarray(cut)], fields)).text, `cut at ${cut}`).toBe(expected);
    }
  });

  it('neutralises exactly what csvSafety.ts neutraliseFormula does, for every first character', async () => {
    // Each value as PostgreSQL's COPY writes it (quoted when it holds a quote, comma, CR or LF, or
    // is empty), through the transform, against csv-stringify (the JavaScript path's writer) of
    // the neutralised value.
    const firsts = [...Array.from({ length: 0x7f }, (_, i) => String.fromCharCode(i + 1)), 'é', '＝', '中', '😀'];
    const values = firsts.flatMap((c) => [c, `${c}x`, `${c}x,y`]);
    const copyField = (v: string) => (v === '' || /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const copy = Buffer.from(values.map((v) => `${copyField(v)}\n`).join(''));
    const expected = 'HEAD\r\n' + stringify(values.map((v) => [neutraliseFormula(v)]), { record_delimiter: 'windows', quote_record_delimiter: true });
    expect((await rewrite([copy], ['text'])).text).toBe(expected);
  });
});
