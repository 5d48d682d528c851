import Dexie from 'dexie';
import { planSearch } from '@shared/search/searchKeys';
import type { DeskDb } from '../../db/deskDb';
import { searchPatrons } from '../../db/patronSearch';
import type { PatronSearchMirror } from '../../db/patronSearchMirror';
import { searchHitOf, type SearchHit } from '../../db/searchHit';

/** Answers kept; a desk types a few hundred queries a day, each answer is 20 patrons. */
const MAX_ANSWERS = 400;

/**
 * The type-ahead's answers. Once the in-memory index (PatronSearchMirror) is loaded and up
 * to date, every answer is computed from it synchronously, during the keystroke's own
 * render; before that, and while a write is being applied to it, they are read from
 * IndexedDB (`searchPatrons`, the same results). Answers are kept, so a text typed again (a
 * backspace, "müll" back to "mül") shows at once either way; they are keyed by the search
 * plan (so "Mül" and "mul" share one), and all are dropped whenever any patron changes
 * (this desk or a sync); listeners hear of it so an open list is searched again.
 *
 * Reading ahead (searching, between keystrokes, every letter that can follow) was tried and
 * measured slower: the extra reads queue in front of the keystroke's own (bench/RESULTS.md §3.1).
 */
export class SearchAnswers {
  private answers = new Map<string, SearchHit[]>();
  /** Bumped by every change to patrons: an answer read before it is not kept. */
  private epoch = 0;
  private readonly unsubscribe: () => void;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: DeskDb,
    private readonly limit = 20,
    private readonly mirror?: PatronSearchMirror,
  ) {
    const prefix = `idb://${db.name}/patrons/`;
    const onMutated = (parts: Record<string, unknown>) => {
      if (Object.keys(parts).some((k) => k.startsWith(prefix))) this.forget();
    };
    Dexie.on('storagemutated', onMutated);
    this.unsubscribe = () => Dexie.on('storagemutated').unsubscribe(onMutated);
  }

  dispose(): void {
    this.unsubscribe();
    this.forget();
  }

  /** Calls back whenever patrons change (every answer is dropped then): the shown results may be stale. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The answer for this text if it can be had without I/O (kept, or from the in-memory index); safe during render. */
  peek(raw: string): SearchHit[] | undefined {
    const key = keyOf(raw);
    const known = this.answers.get(key);
    if (known) return known;
    const computed = this.mirror?.search(raw, this.limit);
    if (computed) this.keep(key, computed);
    return computed;
  }

  /** The answer for this text: without I/O if possible, else read from IndexedDB (and kept). */
  async search(raw: string): Promise<SearchHit[]> {
    const known = this.peek(raw);
    if (known) return known;
    const epoch = this.epoch;
    const found = (await searchPatrons(this.db, raw, this.limit)).map(searchHitOf);
    if (epoch === this.epoch) this.keep(keyOf(raw), found);
    return found;
  }

  private keep(key: string, found: SearchHit[]): void {
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    this.answers.set(key, found);
  }

  private forget(): void {
    this.epoch += 1;
    this.answers.clear();
    for (const listener of this.listeners) listener();
  }
}

const keyOf = (raw: string) => JSON.stringify(planSearch(raw));
