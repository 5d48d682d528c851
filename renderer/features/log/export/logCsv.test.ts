import { describe, expect, it } from 'vitest';
import { LOG_COLUMNS } from '@shared/log/logColumns';
import { TEST_CONTEXT, TRICKY_ENTRIES } from './exportFixtures';
import { buildLogCsv } from './logCsv';

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and the header row, and ends records with CRLF', async () => {
    const bytes = await buildLogCsv(TRICKY_ENTRIES, TEST_CONTEXT);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe(LOG_COLUMNS.map((c) => c.header).join(','));
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('quotes text with quotes, commas and line breaks and neutralises formulas', async () => {
    const text = new TextDecoder().decode(await buildLogCsv(TRICKY_ENTRIES, TEST_CONTEXT));
    expect(text).toContain('"Said ""call back"", then: hung up, twice"');
    expect(text).toContain('"Line one\nLine two, with comma\r\nLine three 😀"');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(",'-moved away,");
    expect(text).toContain(',(erased),');
  });

  it('quotes a cell with a bare line break in the middle, so the row stays one row', async () => {
    const entries = [{ ...TRICKY_ENTRIES[0]!, comment: 'Moved to Leeds\nnew address' }, { ...TRICKY_ENTRIES[0]!, comment: 'Old\rmac' }];
    const text = new TextDecoder().decode(await buildLogCsv(entries, TEST_CONTEXT));
    expect(text).toContain(',"Moved to Leeds\nnew address",');
    expect(text).toContain(',"Old\rmac",');
  });

  it('writes an empty log as the header row alone', async () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await buildLogCsv([], TEST_CONTEXT));
    expect(text).toBe(`\uFEFF${LOG_COLUMNS.map((c) => c.header).join(',')}\r\n`);
  });
});
