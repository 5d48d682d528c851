import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { csvCellText } from '@shared/log/logCellText';
import { LOG_COLUMNS, logRowCells, type LogExportContext } from '@shared/log/logColumns';
import type { LogEntry } from '@shared/log/logEntry';
import type { LogExportQuery } from '@shared/log/logQuery';
import { localDateTimeFormatter } from '@shared/log/localTimeFormatter';
import type { Database, Queryable } from '../db/database';
import { CopyCsvRecords, type CopyField } from './copyCsvRecords';
import { copyColumns, logCsvCopySql } from './logCsvCopySql';
import { logPages } from './logKeyset';
import type { BranchScope } from './logSql';
import { ChunkBatcher } from './chunkBatcher';
import { PagedReadable } from './pagedReadable';
import { isoWriter, localWriter, type TimeWriter } from './timeTexts';

export interface CsvExport {
  /** The CSV bytes: a UTF-8 BOM, the header row, then one row per entry. */
  stream: Readable;
  /** Entries written out so far (all of them once the stream has ended). */
  rows(): number;
}

/** What an export reads: any database; one that can stream a COPY (PostgreSQL) lets PostgreSQL write the CSV. */
export type ExportDatabase = Queryable & Pick<Database, 'copyOut'>;

/**
 * The selection as a CSV stream that holds a bounded amount whatever the row count, read
 * from the database only as fast as the client reads: on PostgreSQL by one COPY that
 * PostgreSQL renders itself (logCsvByCopy), on PGlite, which cannot stream a COPY, by keyset
 * pages written with csv-stringify (logCsvInJs). Both write the same bytes.
 *
 * The BOM makes Excel read the file as UTF-8 (accents, ß, 中文); CRLF line ends and quoting
 * of fields with commas, quotes or line breaks are RFC 4180; every text cell is neutralised
 * against formulas as csvCellText does.
 */
export function logCsvStream(db: ExportDatabase, query: LogExportQuery, branches: BranchScope, branchNames: ReadonlyMap<string, string>, upToSeq: number): CsvExport {
  return db.copyOut ? logCsvByCopy(db.copyOut.bind(db), query, branches, branchNames, upToSeq) : logCsvInJs(db, query, branches, branchNames, upToSeq);
}

/**
 * csv-stringify's options for the export. With a record delimiter given, csv-stringify by
 * default quotes only fields holding that whole delimiter (CRLF), not a bare LF or CR, which
 * a spreadsheet reads as a line break all the same and would split the row at:
 * `quote_record_delimiter` quotes those too, as RFC 4180 and PostgreSQL's COPY do.
 */
const CSV_OPTIONS = { bom: true, record_delimiter: 'windows', quote_record_delimiter: true } as const;

/** The BOM and the header row, as csv-stringify writes them. */
const csvHead = (): Buffer => Buffer.from(stringifySync([LOG_COLUMNS.map((c) => c.header)], CSV_OPTIONS), 'utf8');

/**
 * PostgreSQL writes the rows (`COPY … TO STDOUT`, logCsvCopySql.ts: cell texts, quoting);
 * the server adds the BOM and header, ends records with CRLF, makes the text cells safe
 * (formula starts neutralised, `""` written as an empty field) and writes the time cells
 * (copyCsvRecords.ts) as csvCellText does (timeTexts.ts: the same text, cached per hour).
 * The COPY's socket is read only as fast as the response drains, so PostgreSQL waits for a
 * slow client; destroying the stream (a client hanging up) closes the COPY's connection,
 * which ends the statement.
 */
export function logCsvByCopy(
  copyOut: NonNullable<Database['copyOut']>,
  query: LogExportQuery,
  branches: BranchScope,
  branchNames: ReadonlyMap<string, string>,
  upToSeq: number,
): CsvExport {
  const columns = copyColumns(branchNames);
  const formatLocal: TimeWriter = localWriter(localDateTimeFormatter(query.timeZone));
  const formatInstant: TimeWriter = isoWriter();
  const fields = columns.map((c): CopyField => (c.time === 'instant' ? formatInstant : c.time === 'local' ? formatLocal : c.text ? 'text' : undefined));
  const records = new CopyCsvRecords(fields, csvHead());
  copyOut(logCsvCopySql(query, branches, columns, upToSeq)).then(
    (source) => {
      if (records.destroyed) {
        source.destroy();
        return;
      }
      source.on('error', (err) => records.destroy(err));
      records.on('close', () => source.destroy());
      source.pipe(records);
    },
    (err: Error) => records.destroy(err),
  );
  return { stream: records, rows: () => records.rows };
}

/**
 * Keyset pages (logKeyset.ts) fetched only as fast as the client reads, through
 * csv-stringify's stream, so a slow client slows the database reads rather than filling
 * memory; every cell through the shared logRowCells/csvCellText.
 */
export function logCsvInJs(db: Queryable, query: LogExportQuery, branches: BranchScope, branchNames: ReadonlyMap<string, string>, upToSeq: number, pageRows?: number): CsvExport {
  const ctx: LogExportContext = { timeZone: query.timeZone, branchNames };
  const formatLocal = localDateTimeFormatter(query.timeZone);
  let count = 0;
  const toRecord = (entry: LogEntry) => {
    count += 1;
    return logRowCells(entry, ctx).map((cell) => csvCellText(cell, query.timeZone, formatLocal));
  };
  const rows = new PagedReadable(logPages(db, query.filter, branches, query.sort, upToSeq, pageRows), toRecord);
  const csv = stringify(CSV_OPTIONS);
  csv.write(LOG_COLUMNS.map((c) => c.header));
  const out = new ChunkBatcher();
  rows.on('error', (err) => csv.destroy(err));
  csv.on('error', (err) => out.destroy(err));
  // Whoever ends the response early (a client hanging up) stops the database reads too.
  out.on('close', () => csv.destroy());
  csv.on('close', () => rows.destroy());
  return { stream: rows.pipe(csv).pipe(out), rows: () => count };
}
