import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogEntry } from '@shared/log/logEntry';
import type { LogFilter, LogSort } from '@shared/log/logQuery';
import type { LogSummary } from '@shared/log/logSummary';
import type { LogServerApi } from './logServerApi';

/** Rows fetched per request: a screenful or two, so a scroll rarely waits. */
export const LOG_PAGE_SIZE = 200;

export interface LogRows {
  /** The entry at a row index, or undefined while its page loads. */
  entryAt(index: number): LogEntry | undefined;
  /** How many rows the list has: the total once the summary is in, else what is known so far. */
  rowCount: number;
  summary: LogSummary | null;
  /** The first page of this filter has arrived (the list shows real rows, not placeholders). */
  ready: boolean;
  error: string | null;
  /** Asks for the pages covering rows first..last (the virtual list calls it as it scrolls). */
  ensureRows(first: number, last: number): void;
}

/**
 * The log for one filter and sort, fetched page by page as the list scrolls. A new filter
 * or sort starts a new generation: answers to the old one are dropped, so a slow page of
 * the previous filter never lands in the new list.
 */
export function useLogRows(api: LogServerApi | null, filter: LogFilter, sort: LogSort): LogRows {
  const [pages, setPages] = useState<ReadonlyMap<number, LogEntry[]>>(new Map());
  const [summary, setSummary] = useState<LogSummary | null>(null);
  const [known, setKnown] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const requested = useRef(new Set<number>());
  const key = JSON.stringify([filter, sort]);

  const fetchPage = useCallback(
    (page: number) => {
      if (!api || requested.current.has(page)) return;
      requested.current.add(page);
      const gen = generation.current;
      api.entries(filter, sort, page * LOG_PAGE_SIZE, LOG_PAGE_SIZE).then(
        (result) => {
          if (gen !== generation.current) return;
          setPages((prev) => new Map(prev).set(page, result.entries));
          setKnown((k) => Math.max(k, result.offset + result.entries.length + (result.more ? 1 : 0)));
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          requested.current.delete(page);
          setError(err instanceof Error ? err.message : String(err));
        },
      );
    },
    // The key stands for filter and sort (new objects with the same content are the same query).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  useEffect(() => {
    generation.current += 1;
    requested.current = new Set();
    setPages(new Map());
    setSummary(null);
    setKnown(0);
    setError(null);
    if (!api) return;
    const gen = generation.current;
    fetchPage(0);
    api.summary(filter).then(
      (s) => gen === generation.current && setSummary(s),
      (err: unknown) => gen === generation.current && setError(err instanceof Error ? err.message : String(err)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, fetchPage]);

  const ensureRows = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(Math.max(0, first) / LOG_PAGE_SIZE); p <= Math.floor(Math.max(0, last) / LOG_PAGE_SIZE); p++) fetchPage(p);
    },
    [fetchPage],
  );

  return {
    entryAt: (index) => pages.get(Math.floor(index / LOG_PAGE_SIZE))?.[index % LOG_PAGE_SIZE],
    rowCount: summary ? summary.total : known,
    summary,
    ready: pages.has(0),
    error,
    ensureRows,
  };
}
