import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { columnsMarkdownTable, TABLE_END, TABLE_START } from './columnsTable';

const DOC = fileURLToPath(new URL('../../docs/exports.md', import.meta.url));

describe('docs/exports.md', () => {
  it('lists every export column as LOG_COLUMNS has it (UPDATE_DOCS=1 rewrites the table)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(TABLE_START);
    const end = doc.indexOf(TABLE_END);
    expect(start, `docs/exports.md lacks the marker ${TABLE_START}`).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const current = doc.slice(start + TABLE_START.length, end).trim();
    const wanted = columnsMarkdownTable();
    if (process.env.UPDATE_DOCS === '1' && current !== wanted) {
      writeFileSync(DOC, `${doc.slice(0, start + TABLE_START.length)}\n${wanted}\n${doc.slice(end)}`);
      return;
    }
    expect(current, 'The column table in docs/exports.md is out of date: run UPDATE_DOCS=1 npx vitest run --project exports test/exports/exportsDoc.test.ts').toBe(wanted);
  });
});
