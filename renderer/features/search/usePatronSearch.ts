import { useEffect, useState } from 'react';
import type { Patron } from '@shared/domain/patron';
import { useDesk } from '../../app/deskContext';
import { searchPatrons } from '../../db/patronSearch';

/**
 * Type-ahead results for the current text. A plain query per keystroke, not a live query:
 * Dexie's liveQuery defers its first run by a timer, which costs a frame on every
 * keystroke (bench/RESULTS.md), and results that change under a half-typed name help
 * nobody. Answers to older keystrokes are dropped.
 */
export function usePatronSearch(query: string): { results: Patron[]; settled: boolean } {
  const { db } = useDesk();
  const [found, setFound] = useState<{ query: string; results: Patron[] }>({ query: '', results: [] });
  useEffect(() => {
    let current = true;
    searchPatrons(db, query).then(
      (results) => current && setFound({ query, results }),
      (err: unknown) => console.error('search failed', err),
    );
    return () => {
      current = false;
    };
  }, [db, query]);
  return { results: found.results, settled: found.query === query };
}
