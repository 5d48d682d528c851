import type { AuditEntryView } from '@shared/api/audit';
import type { LogFacets, LogPage } from '@shared/log/logApi';
import { logQueryPairs, type LogFilter, type LogSort } from '@shared/log/logQuery';
import type { Dashboard, LogSummary } from '@shared/log/logSummary';
import { callServer, sendToServer, type ServerApiOptions } from '../account/serverApi';

const query = (pairs: Array<[string, string]>) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`);
/** The filter without a sort (summary, dashboard): the sort pairs are dropped. */
const filterPairs = (filter: LogFilter) => logQueryPairs(filter).filter(([k]) => k !== 'sort' && k !== 'dir');

/** The managers' log endpoints (shared/log/logApi.ts, docs/http-api.md). */
export function logServerApi(options: ServerApiOptions) {
  return {
    entries: (filter: LogFilter, sort: LogSort, offset: number, limit: number) =>
      callServer<LogPage>(options, 'GET', `/api/log/entries${query([...logQueryPairs(filter, sort), ['offset', String(offset)], ['limit', String(limit)]])}`),
    summary: (filter: LogFilter) => callServer<LogSummary>(options, 'GET', `/api/log/summary${query(filterPairs(filter))}`),
    dashboard: (filter: LogFilter, timeZone: string) =>
      callServer<Dashboard>(options, 'GET', `/api/log/dashboard${query([...filterPairs(filter), ['tz', timeZone]])}`),
    facets: () => callServer<LogFacets>(options, 'GET', '/api/log/facets'),
    /** The organisation-wide CSV, streamed by the server; the caller reads the body. */
    exportCsv: (filter: LogFilter, sort: LogSort, timeZone: string, signal?: AbortSignal) =>
      sendToServer(options, 'GET', `/api/log/export.csv${query([...logQueryPairs(filter, sort), ['tz', timeZone]])}`, undefined, signal),
    audit: (action?: string) => callServer<AuditEntryView[]>(options, 'GET', `/api/audit${query(action ? [['action', action]] : [])}`),
  };
}

export type LogServerApi = ReturnType<typeof logServerApi>;
