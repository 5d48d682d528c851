import { useEffect, useState } from 'react';
import type { Patron } from '@shared/domain/patron';
import { useDesk } from '../../app/deskContext';
import type { DeskDb } from '../../db/deskDb';
import { SearchAhead } from './searchAhead';

const aheadByDb = new WeakMap<DeskDb, SearchAhead>();
function searchAheadFor(db: DeskDb): SearchAhead {
  let ahead = aheadByDb.get(db);
  if (!ahead) aheadByDb.set(db, (ahead = new SearchAhead(db)));
  return ahead;
}

/** Pause after an answer before reading ahead: a key pressed within it needs the database more. */
const LOOK_AHEAD_DELAY_MS = 30;

export interface PatronSearch {
  results: Patron[];
  /** The results answer the current text (not an older keystroke's). */
  settled: boolean;
  /** The text the shown results answer. */
  answers: string;
}

/**
 * Type-ahead results for the current text. A plain query per keystroke, not a live query:
 * Dexie's liveQuery defers its first run by a timer, which costs a frame on every
 * keystroke (bench/RESULTS.md). An answer already read ahead (SearchAhead) is used in the
 * same render as the keystroke, so it paints in that keystroke's frame. Answers to older
 * keystrokes are dropped; when patrons change (this desk or a sync), the text is searched again.
 */
export function usePatronSearch(query: string): PatronSearch {
  const { db } = useDesk();
  const ahead = searchAheadFor(db);
  const [found, setFound] = useState<{ query: string; results: Patron[] }>({ query: '', results: [] });
  // Bumped when patrons change (a sync brought a new one, a colleague renamed one): search again.
  const [version, setVersion] = useState(0);
  useEffect(() => ahead.onChange(() => setVersion((v) => v + 1)), [ahead]);
  const known = ahead.peek(query);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const lookAhead = () => {
      timer = setTimeout(() => void ahead.lookAheadFrom(query).catch((err: unknown) => console.warn('search look-ahead failed', err)), LOOK_AHEAD_DELAY_MS);
    };
    ahead.search(query).then(
      (results) => {
        if (!current) return;
        setFound({ query, results });
        lookAhead();
      },
      (err: unknown) => console.error('search failed', err),
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [ahead, query, version]);

  if (known) return { results: known, settled: true, answers: query };
  return { results: found.results, settled: found.query === query, answers: found.query };
}
