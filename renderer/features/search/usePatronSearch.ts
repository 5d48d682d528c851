import { useEffect, useRef, useState } from 'react';
import { useDesk } from '../../app/deskContext';
import type { SearchHit } from '../../db/searchHit';
import { answersFor } from './searchAnswersFor';

export interface PatronSearch {
  results: SearchHit[];
  /** The results answer the current text (not an older keystroke's). */
  settled: boolean;
  /** The text the shown results answer. */
  answers: string;
}

/**
 * Type-ahead results for the current text. Once the in-memory index is loaded, the answer
 * is computed during this render, in the keystroke's own task (SearchAnswers.peek); until
 * then, a plain IndexedDB query per keystroke, not a live query: Dexie's liveQuery defers
 * its first run by a timer, which costs a frame on every keystroke (bench/RESULTS.md). A
 * text answered before (a backspace) shows at once either way. Answers to older keystrokes
 * are dropped; when patrons change (this desk or a sync), the text is searched again.
 */
export function usePatronSearch(query: string): PatronSearch {
  const { db } = useDesk();
  const answers = answersFor(db);
  const [found, setFound] = useState<{ query: string; results: SearchHit[] }>({ query: '', results: [] });
  const [version, setVersion] = useState(0);
  // What is on screen: when patrons change, it stays there (not an empty list) until the text is answered again.
  const shown = useRef(found);
  useEffect(
    () =>
      answers.onChange(() => {
        setFound(shown.current);
        setVersion((v) => v + 1);
      }),
    [answers],
  );
  const known = answers.peek(query);
  const current = known ? { query, results: known } : found;
  useEffect(() => {
    shown.current = current;
  });

  useEffect(() => {
    // Answered during render: no read, and no second render with the same results.
    if (answers.peek(query)) return;
    let latest = true;
    answers.search(query).then(
      (results) => latest && setFound({ query, results }),
      (err: unknown) => console.error('search failed', err),
    );
    return () => {
      latest = false;
    };
  }, [answers, query, version]);

  return { results: current.results, settled: current.query === query, answers: current.query };
}
