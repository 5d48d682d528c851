import { LOG_COLUMNS, logRowCells, type LogCell } from '@shared/log/logColumns';
import { TEST_CONTEXT, TRICKY_ENTRIES } from '../../renderer/features/log/export/exportFixtures';

const CELL_TYPES: Record<Exclude<LogCell['kind'], 'empty'>, string> = {
  text: 'text',
  number: 'number',
  instant: 'text, ISO 8601 UTC',
  local: 'date (local)',
};

/** What kind of cell a column writes, from the sample entries (the first one that is not empty). */
function cellType(index: number): string {
  for (const entry of TRICKY_ENTRIES) {
    const cell = logRowCells(entry, TEST_CONTEXT)[index]!;
    if (cell.kind !== 'empty') return CELL_TYPES[cell.kind];
  }
  return 'text';
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

/** The column table of docs/exports.md, generated from LOG_COLUMNS. */
export function columnsMarkdownTable(): string {
  return [
    '| # | Header | Key | XLSX cell | Meaning |',
    '|---|---|---|---|---|',
    ...LOG_COLUMNS.map((c, i) => `| ${i + 1} | ${escapeCell(c.header)} | \`${c.key}\` | ${cellType(i)} | ${escapeCell(c.meaning)} |`),
  ].join('\n');
}

export const TABLE_START = '<!-- log-columns:start (generated from LOG_COLUMNS by test/exports/columnsTable.ts) -->';
export const TABLE_END = '<!-- log-columns:end -->';
