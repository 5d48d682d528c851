import { useLiveQuery } from 'dexie-react-hooks';
import type { Patron } from '@shared/domain/patron';
import { useDesk } from '../../app/deskContext';
import { searchPatrons } from '../../db/patronSearch';

/** Live type-ahead results: re-run on every keystroke and whenever the data changes. */
export function usePatronSearch(query: string): { results: Patron[]; settled: boolean } {
  const { db } = useDesk();
  const found = useLiveQuery(async () => ({ query, results: await searchPatrons(db, query) }), [db, query]);
  return { results: found?.results ?? [], settled: found?.query === query };
}
