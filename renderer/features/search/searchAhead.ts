import Dexie from 'dexie';
import type { Patron } from '@shared/domain/patron';
import { planSearch } from '@shared/search/searchKeys';
import type { DeskDb } from '../../db/deskDb';
import { searchPatrons } from '../../db/patronSearch';

/** Next letters looked ahead per keystroke: enough for any alphabet's common next letters, few enough to stay cheap. */
const MAX_NEXT = 40;
/** Answers kept; a desk types a few hundred queries a day, each answer is 20 patrons. */
const MAX_ANSWERS = 400;

/**
 * Answers the type-ahead's next keystroke before it is typed.
 *
 * An IndexedDB read costs a round trip that lands after the keystroke's own frame, so its
 * results paint a frame later (bench/RESULTS.md §5.2). While staff pause between keys, this
 * reads which letters can follow the current word in the `terms` index (a key-only skip
 * scan) and runs the real search for each, so the next keystroke's answer is usually
 * already in memory and paints in the keystroke's own frame.
 *
 * Answers are the same `searchPatrons` results, keyed by the search plan (so "Mül" and
 * "mul" share one), and all are dropped whenever any patron changes.
 */
export class SearchAhead {
  private answers = new Map<string, Patron[]>();
  /** Bumped by every change to patrons: an answer read before it is not kept. */
  private epoch = 0;
  /** Bumped by every new look-ahead: an older one stops. */
  private lookAhead = 0;
  private readonly unsubscribe: () => void;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly db: DeskDb, private readonly limit = 20) {
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

  /** The answer for this text if it is in memory (no I/O; safe during render). */
  peek(raw: string): Patron[] | undefined {
    return this.answers.get(keyOf(raw));
  }

  /** The answer for this text: from memory, or read (and kept). */
  async search(raw: string): Promise<Patron[]> {
    const key = keyOf(raw);
    const known = this.answers.get(key);
    if (known) return known;
    const epoch = this.epoch;
    const found = await searchPatrons(this.db, raw, this.limit);
    if (epoch === this.epoch) this.keep(key, found);
    return found;
  }

  /**
   * Reads ahead the answers for this text plus each letter that can follow it. Single-word
   * texts only: they are what staff type first, and what a next letter extends predictably.
   * Stops as soon as another look-ahead starts or patrons change.
   */
  async lookAheadFrom(raw: string): Promise<void> {
    const run = ++this.lookAhead;
    const plan = planSearch(raw);
    if (plan.kind !== 'prefix' || plan.tokens.length !== 1 || /\s$/.test(raw)) return;
    const next = await nextLetters(this.db, plan.prefix);
    for (const letter of next) {
      if (run !== this.lookAhead) return;
      await this.search(raw + letter);
    }
  }

  private keep(key: string, found: Patron[]): void {
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    this.answers.set(key, found);
  }

  private forget(): void {
    this.epoch += 1;
    this.lookAhead += 1;
    this.answers.clear();
    for (const listener of this.listeners) listener();
  }
}

const keyOf = (raw: string) => JSON.stringify(planSearch(raw));

/**
 * The distinct letters that follow `prefix` in the `terms` index, by skip scan: read one
 * key, note its next letter, jump past every key with that letter, repeat. Keys only, so
 * each hop costs about one index step however many patrons share the letter.
 */
async function nextLetters(db: DeskDb, prefix: string): Promise<string[]> {
  const idb = db.backendDB();
  return new Promise((resolve, reject) => {
    const letters: string[] = [];
    const tx = idb.transaction('patrons', 'readonly');
    const request = tx.objectStore('patrons').index('terms').openKeyCursor(IDBKeyRange.bound(prefix, `${prefix}\uffff`));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor || letters.length >= MAX_NEXT) return resolve(letters);
      const key = String(cursor.key);
      if (key.length <= prefix.length) return cursor.continue();
      const letter = String.fromCodePoint(key.codePointAt(prefix.length)!);
      letters.push(letter);
      cursor.continue(`${prefix}${letter}\uffff`);
    };
    request.onerror = () => reject(request.error ?? new Error('look-ahead read failed'));
  });
}
