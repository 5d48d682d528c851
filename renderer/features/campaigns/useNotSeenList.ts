import { useCallback, useRef, useState } from 'react';
import type { Patron } from '@shared/domain/patron';
import type { DeskDb } from '../../db/deskDb';
import { findPatronsNotSeen, patronsInOrder } from '../../db/notSeenRepo';

/** What a "we miss you" search found. */
export interface NotSeenList {
  months: number;
  /** The rows read so far, in list order (the first page, then one page per "show more"). */
  rows: Patron[];
  /** How many ids the rows were read from (rows can be fewer: someone erased meanwhile). */
  read: number;
  /** Every id in list order; undefined while they are still being counted. */
  ids: string[] | undefined;
  countError: string | undefined;
}

/**
 * The "we miss you" list and its selection. Tens of thousands can qualify, so the first
 * page is shown as soon as it is read, the count (every id) follows, further rows are
 * read a page at a time, and the selection is "everyone but the unticked": ticking never
 * needs a row that is not on screen.
 */
export function useNotSeenList(db: DeskDb, pageSize: number) {
  const [list, setList] = useState<NotSeenList | null>(null);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  // A newer search wins: results of an older one still arriving are dropped.
  const latest = useRef(0);

  const find = useCallback(async (months: number, now: number) => {
    const search = ++latest.current;
    const found = findPatronsNotSeen(db, months, now, pageSize);
    const rows = await found.firstPage;
    if (search !== latest.current) return;
    setList({ months, rows, read: rows.length, ids: undefined, countError: undefined });
    setUnticked(new Set());
    found.ids.then(
      (ids) => { if (search === latest.current) setList((l) => l && { ...l, ids }); },
      (err: unknown) => { if (search === latest.current) setList((l) => l && { ...l, countError: err instanceof Error ? err.message : String(err) }); },
    );
  }, [db, pageSize]);

  const showMore = useCallback(async () => {
    if (!list?.ids) return;
    const search = latest.current;
    const next = list.ids.slice(list.read, list.read + pageSize);
    const rows = await patronsInOrder(db, next);
    if (search === latest.current) setList((l) => l && { ...l, read: l.read + next.length, rows: [...l.rows, ...rows] });
  }, [db, list, pageSize]);

  const toggle = useCallback((id: string) => {
    setUnticked((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }, []);

  // Only listed rows can be unticked, so the unticked are always among the ids.
  const chosenCount = list?.ids ? list.ids.length - unticked.size : undefined;
  const chosenIds = useCallback(() => (list?.ids ?? []).filter((id) => !unticked.has(id)), [list, unticked]);
  return { list, unticked, find, showMore, toggle, chosenCount, chosenIds };
}
