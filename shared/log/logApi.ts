import type { LogEntry } from './logEntry';

/**
 * The managers' log over HTTP (docs/http-api.md). Every endpoint takes the filter as query
 * parameters (logQuery.ts) and answers only with entries of branches the caller works in
 * (admins: all); naming a branch outside them is refused (403 forbidden-branch).
 *
 * - GET /api/log/entries?…filter&sort&dir&offset&limit → LogPage (every role)
 * - GET /api/log/summary?…filter → LogSummary (every role)
 * - GET /api/log/dashboard?…filter&tz → Dashboard (every role)
 * - GET /api/log/facets → LogFacets: the staff names and campaigns the filter can offer
 * - GET /api/log/export.csv?…filter&sort&dir&tz → the whole selection as CSV, streamed
 *   (managers and admins); each export is written to the audit log with its row count
 * - GET /api/audit?action=…&limit=… → AuditEntryView[] (admins)
 */
export interface LogPage {
  entries: LogEntry[];
  /** The offset asked for (the index of entries[0] in the whole selection). */
  offset: number;
  /** True when entries follow this page. */
  more: boolean;
}

export interface LogFacets {
  staff: string[];
  campaigns: Array<{ campaignId: string; name: string }>;
}
