import type { LogEntry } from '@shared/log/logEntry';
import { LOG_PAGE_MAX, type LogFilter, type LogSort } from '@shared/log/logQuery';
import { exportCancelled } from './export/exportProgress';
import type { LogServerApi } from './logServerApi';

/**
 * Every entry of a filter, page by page (the largest page the server gives), for a desk-side
 * export. `total` is the count the summary gave; progress says how many have arrived.
 */
export async function fetchAllEntries(
  api: LogServerApi,
  filter: LogFilter,
  sort: LogSort,
  total: number,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  for (let offset = 0; ; offset += LOG_PAGE_MAX) {
    if (options.signal?.aborted) throw exportCancelled();
    const page = await api.entries(filter, sort, offset, LOG_PAGE_MAX);
    entries.push(...page.entries);
    options.onProgress?.(entries.length, Math.max(total, entries.length));
    if (!page.more || page.entries.length === 0) return entries;
  }
}
