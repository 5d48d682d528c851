import { useEffect, useState } from 'react';
import type { Patron } from '@shared/domain/patron';
import { useDesk } from '../../app/deskContext';
import type { DeskDb } from '../../db/deskDb';
import { SearchAnswers } from './searchAnswers';

const answersByDb = new WeakMap<DeskDb, SearchAnswers>();
function answersFor(db: DeskDb): SearchAnswers {
  let answers = answersByDb.get(db);
  if (!answers) answersByDb.set(db, (answers = new SearchAnswers(db)));
  return answers;
}

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
 * keystroke (bench/RESULTS.md). A text answered before (a backspace) shows at once, in the
 * keystroke's own render. Answers to older keystrokes are dropped; when patrons change
 * (this desk or a sync), the text is searched again.
 */
export function usePatronSearch(query: string): PatronSearch {
  const { db } = useDesk();
  const answers = answersFor(db);
  const [found, setFound] = useState<{ query: string; results: Patron[] }>({ query: '', results: [] });
  const [version, setVersion] = useState(0);
  useEffect(() => answers.onChange(() => setVersion((v) => v + 1)), [answers]);
  const known = answers.peek(query);

  useEffect(() => {
    let current = true;
    answers.search(query).then(
      (results) => current && setFound({ query, results }),
      (err: unknown) => console.error('search failed', err),
    );
    return () => {
      current = false;
    };
  }, [answers, query, version]);

  if (known) return { results: known, settled: true, answers: query };
  return { results: found.results, settled: found.query === query, answers: found.query };
}
