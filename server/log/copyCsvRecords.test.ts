import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CopyCsvRecords } from './copyCsvRecords';
import { isoWriter } from './timeTexts';

/** Three columns: a time, a text, a time; PostgreSQL's CSV as COPY writes it (LF ends, quotes only where needed). */
const COPY = [
  '1795399181911,plain,\n',
  ',"quoted, with ""quotes"" and\na line break",-1000\n',
  '0,"""",1\n',
  '1795399181911,"ends with a quote""",\n',
  '42,"\r\n",7\n',
].join('');
const EXPECTED = [
  'HEAD\r\n',
  '2026-11-23T01:59:41.911Z,plain,\r\n',
  ',"quoted, with ""quotes"" and\na line break",1969-12-31T23:59:59.000Z\r\n',
  '1970-01-01T00:00:00.000Z,"""",1970-01-01T00:00:00.001Z\r\n',
  '2026-11-23T01:59:41.911Z,"ends with a quote""",\r\n',
  '1970-01-01T00:00:00.042Z,"\r\n",1970-01-01T00:00:00.007Z\r\n',
].join('');

async function rewrite(chunks: readonly Buffer[]): Promise<{ text: string; rows: number }> {
  const iso = isoWriter();
  const records = new CopyCsvRecords([iso, undefined, iso], Buffer.from('HEAD\r\n'));
  const parts: Buffer[] = [];
  await pipeline(Readable.from(chunks), records, new Writable({ write: (chunk: Buffer, _e, done) => { parts.push(chunk); done(); } }));
  return { text: Buffer.concat(parts).toString('utf8'), rows: records.rows };
}

describe('COPY CSV records → the export\'s CSV', () => {
  it('ends records with CRLF and writes time cells, leaving quoted fields (commas, quotes, line breaks) as PostgreSQL wrote them', async () => {
    expect(await rewrite([Buffer.from(COPY)])).toEqual({ text: EXPECTED, rows: 5 });
  });

  it('writes the same bytes however the COPY output is cut into chunks, even inside a quote pair or a time field', async () => {
    const bytes = Buffer.from(COPY);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      expect((await rewrite([bytes.subarray(0, cut), bytes.subarray(cut)])).text, `cut at ${cut}`).toBe(EXPECTED);
    }
    const single = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect(await rewrite(single)).toEqual({ text: EXPECTED, rows: 5 });
  });

  it('fails when the COPY output stops inside a record, or a time column holds something else', async () => {
    await expect(rewrite([Buffer.from('1,"open quote\n')])).rejects.toThrow('The COPY output ended inside a record');
    await expect(rewrite([Buffer.from('12:00,x,\n')])).rejects.toThrow('A time column held ":", not epoch milliseconds');
  });
});
