import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { csvCellText } from '@shared/log/logCellText';
import { LOG_COLUMNS, logRowCells, type LogExportContext } from '@shared/log/logColumns';
import type { LogEntry } from '@shared/log/logEntry';
import type { LogExportQuery } from '@shared/log/logQuery';
import { localDateTimeFormatter } from '@shared/log/localTimeFormatter';
import type { Queryable } from '../db/database';
import { logPages } from './logKeyset';
import type { BranchScope } from './logSql';
import { ChunkBatcher } from './chunkBatcher';
import { PagedReadable } from './pagedReadable';

export interface CsvExport {
  /** The CSV bytes: a UTF-8 BOM, the header row, then one row per entry. */
  stream: Readable;
  /** Entries handed to the CSV writer so far (all of them once the stream has ended). */
  rows(): number;
}

/**
 * The selection as a CSV stream that never holds more than about a page of entries: keyset
 * pages (logKeyset.ts) are fetched only as fast as the client reads, through csv-stringify's
 * stream, so a slow client slows the database reads rather than filling memory.
 *
 * The BOM makes Excel read the file as UTF-8 (accents, ß, 中文); CRLF line ends and quoting
 * of fields with commas, quotes or line breaks are RFC 4180 (csv-stringify); every cell goes
 * through csvCellText, which neutralises text a spreadsheet would run as a formula.
 */
export function logCsvStream(db: Queryable, query: LogExportQuery, branches: BranchScope, branchNames: ReadonlyMap<string, string>, upToSeq: number, pageRows?: number): CsvExport {
  const ctx: LogExportContext = { timeZone: query.timeZone, branchNames };
  const formatLocal = localDateTimeFormatter(query.timeZone);
  let count = 0;
  const toRecord = (entry: LogEntry) => {
    count += 1;
    return logRowCells(entry, ctx).map((cell) => csvCellText(cell, query.timeZone, formatLocal));
  };
  const rows = new PagedReadable(logPages(db, query.filter, branches, query.sort, upToSeq, pageRows), toRecord);
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.write(LOG_COLUMNS.map((c) => c.header));
  const out = new ChunkBatcher();
  rows.on('error', (err) => csv.destroy(err));
  csv.on('error', (err) => out.destroy(err));
  // Whoever ends the response early (a client hanging up) stops the database reads too.
  out.on('close', () => csv.destroy());
  csv.on('close', () => rows.destroy());
  return { stream: rows.pipe(csv).pipe(out), rows: () => count };
}
