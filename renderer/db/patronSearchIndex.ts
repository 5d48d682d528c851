import type { Patron } from '@shared/domain/patron';
import { matchesAllTokens, planSearch } from '@shared/search/searchKeys';
import { searchHitOf, type SearchHit } from './searchHit';

/**
 * The patrons' `*terms` index held in memory, so a keystroke's answer is computed in the
 * keystroke's own task: one IndexedDB round trip always lands after the keystroke's frame
 * (bench/RESULTS.md, runs 6–8).
 *
 * It mirrors IndexedDB's multi-entry index exactly rather than ranking anything itself:
 * entries in (key, primary key) order, strings compared by UTF-16 code unit (as both
 * IndexedDB and JavaScript's `<` do), a prefix read as Dexie's `startsWith` range, each
 * patron once, the first `limit` that pass. So `search()` returns what `searchPatrons()`
 * returns, in the same order (patronSearchIndex.test.ts checks it on generated data).
 *
 * Layout: the unique keys sorted, each with its run of patron numbers (in id order) in one
 * typed array, built once at load. Patrons changed since are marked dead in that base and
 * kept in a small sorted overlay; a walk merges the two.
 */

/** Dexie's `startsWith(p)` is the key range [p, p + '\uffff'], both ends included. */
const MAX_CHAR = '\uffff';

interface OverlayEntry {
  key: string;
  hit: SearchHit;
  terms: readonly string[];
}

/** A patron that changed: its record now, or undefined when it was deleted. */
export interface PatronChange {
  id: string;
  patron: Patron | undefined;
}

export interface PatronSearchIndexStats {
  patrons: number;
  /** Distinct keys in the base. */
  keys: number;
  /** (key, patron) entries in the base: what IndexedDB's index holds at load. */
  entries: number;
  /** Entries of patrons changed since the load. */
  overlay: number;
}

/** The keys IndexedDB indexes a record under for a multi-entry index: each distinct string of the array. */
function indexKeysOf(p: Patron): string[] {
  if (!Array.isArray(p.terms)) return [];
  return [...new Set(p.terms.filter((t): t is string => typeof t === 'string'))];
}

function lowerBound<T>(items: readonly T[], keyOf: (item: T) => string, key: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(items[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const byKeyThenId = (a: OverlayEntry, b: OverlayEntry) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.hit.id < b.hit.id ? -1 : a.hit.id > b.hit.id ? 1 : 0;

/** Collects patrons page by page (in primary-key order), then builds the index in one pass. */
export class PatronSearchIndexBuilder {
  /** Key → the patron numbers under it. The posting's key is the one string kept for it (terms share it). */
  private readonly postings = new Map<string, { key: string; pids: number[] }>();
  private readonly hits: SearchHit[] = [];
  private readonly terms: (readonly string[])[] = [];
  private readonly pidOf = new Map<string, number>();
  private entries = 0;

  /** Patrons in ascending id order, as `orderBy(':id')` reads them: runs then need no sorting. */
  add(patrons: readonly Patron[]): void {
    for (const p of patrons) {
      const last = this.hits[this.hits.length - 1];
      if (last !== undefined && !(last.id < p.id)) throw new Error(`patrons must come in ascending id order (${p.id} after ${last.id})`);
      const pid = this.hits.length;
      this.hits.push(searchHitOf(p));
      this.pidOf.set(p.id, pid);
      const keys = indexKeysOf(p);
      for (let k = 0; k < keys.length; k++) {
        let posting = this.postings.get(keys[k]!);
        if (!posting) this.postings.set(keys[k]!, (posting = { key: keys[k]!, pids: [] }));
        posting.pids.push(pid);
        keys[k] = posting.key;
      }
      this.terms.push(keys);
      this.entries += keys.length;
    }
  }

  /**
   * Builds the index. The keys (365k at 100k patrons) are sorted bucket by bucket, by their
   * first two UTF-16 units, calling `pause` between buckets when a slice has run long: one
   * sort of them all held the page for ~0.5 s (bench/RESULTS.md run 8).
   */
  async finish(pause: () => Promise<void> = async () => undefined, sliceMs = 10): Promise<PatronSearchIndex> {
    const buckets = new Map<string, string[]>();
    for (const key of this.postings.keys()) {
      const head = key.slice(0, 2);
      const bucket = buckets.get(head);
      if (bucket) bucket.push(key);
      else buckets.set(head, [key]);
    }
    // Default sort compares UTF-16 code units: IndexedDB's order for strings. Keys in an
    // earlier bucket sort before every key of a later one, so sorted buckets concatenate.
    const keys: string[] = [];
    const starts = new Uint32Array(this.postings.size + 1);
    const pids = new Uint32Array(this.entries);
    let at = 0;
    let sliceStart = performance.now();
    for (const head of [...buckets.keys()].sort()) {
      for (const key of buckets.get(head)!.sort()) {
        starts[keys.length] = at;
        keys.push(key);
        for (const pid of this.postings.get(key)!.pids) pids[at++] = pid;
      }
      if (performance.now() - sliceStart > sliceMs) {
        await pause();
        sliceStart = performance.now();
      }
    }
    starts[keys.length] = at;
    this.postings.clear();
    return new PatronSearchIndex(keys, starts, pids, this.hits, this.terms, this.pidOf);
  }
}

export class PatronSearchIndex {
  /** Base patrons changed or deleted since the load (their base entries are skipped). */
  private readonly dead: Uint8Array;
  private deadCount = 0;
  /** Entries of changed and new patrons, in (key, id) order. */
  private overlay: OverlayEntry[] = [];

  constructor(
    private readonly keys: readonly string[],
    private readonly starts: Uint32Array,
    private readonly pids: Uint32Array,
    private readonly hits: readonly SearchHit[],
    private readonly terms: readonly (readonly string[])[],
    /** Patron id → its number in the base. */
    private readonly pidOf: ReadonlyMap<string, number>,
  ) {
    this.dead = new Uint8Array(hits.length);
  }

  /** What `searchPatrons(db, raw, limit)` returns, as result rows: same plan, order and limit. */
  search(raw: string, limit: number): SearchHit[] {
    const plan = planSearch(raw);
    if (plan.kind === 'none') return [];
    if (plan.whole !== undefined) {
      const found = this.walk(plan.whole, undefined, limit);
      if (found.length > 0) return found;
    }
    return this.walk(plan.prefix, plan.tokens.length > 1 ? plan.tokens : undefined, limit);
  }

  /** Brings changed patrons up to date (a deleted one drops out). */
  apply(changes: readonly PatronChange[]): void {
    const changed = new Set(changes.map((c) => c.id));
    this.overlay = this.overlay.filter((e) => !changed.has(e.hit.id));
    for (const { id, patron } of changes) {
      const pid = this.pidOf.get(id);
      if (pid !== undefined && this.dead[pid] === 0) {
        this.dead[pid] = 1;
        this.deadCount++;
      }
      if (patron === undefined) continue;
      const hit = searchHitOf(patron);
      const terms = indexKeysOf(patron);
      for (const key of terms) this.overlay.push({ key, hit, terms });
    }
    this.overlay.sort(byKeyThenId);
  }

  stats(): PatronSearchIndexStats {
    // A patron in the overlay is dead in the base (or new), so the two counts do not overlap.
    const changed = new Set(this.overlay.map((e) => e.hit.id)).size;
    return { patrons: this.hits.length - this.deadCount + changed, keys: this.keys.length, entries: this.pids.length, overlay: this.overlay.length };
  }

  get overlaySize(): number {
    return this.overlay.length;
  }

  /** Dexie's `where('terms').startsWith(prefix).distinct()[.filter(all tokens)].limit(limit)`, merged from base and overlay. */
  private walk(prefix: string, tokens: readonly string[] | undefined, limit: number): SearchHit[] {
    const upper = prefix + MAX_CHAR;
    const base = new BaseCursor(this.keys, this.starts, this.pids, this.dead, prefix, upper);
    let o = lowerBound(this.overlay, (e) => e.key, prefix);
    const found: SearchHit[] = [];
    const seen = new Set<string>();
    while (found.length < limit) {
      const next = this.overlay[o];
      const fromOverlay = next !== undefined && next.key <= upper ? next : undefined;
      const basePid = base.pid;
      if (fromOverlay === undefined && basePid === undefined) break;
      let hit: SearchHit;
      let terms: readonly string[];
      if (fromOverlay && (basePid === undefined || fromOverlay.key < base.key || (fromOverlay.key === base.key && fromOverlay.hit.id < this.hits[basePid]!.id))) {
        ({ hit, terms } = fromOverlay);
        o++;
      } else {
        hit = this.hits[basePid!]!;
        terms = this.terms[basePid!]!;
        base.advance();
      }
      if (seen.has(hit.id)) continue;
      seen.add(hit.id);
      if (tokens && !matchesAllTokens(terms, tokens)) continue;
      found.push(hit);
    }
    return found;
  }
}

/** Walks the base's live entries of one key range in (key, patron id) order. */
class BaseCursor {
  private i: number;
  private at: number;
  /** The current entry's patron number; undefined once past the range. */
  pid: number | undefined;

  constructor(
    private readonly keys: readonly string[],
    private readonly starts: Uint32Array,
    private readonly pids: Uint32Array,
    private readonly dead: Uint8Array,
    lower: string,
    private readonly upper: string,
  ) {
    this.i = lowerBound(keys, (k) => k, lower);
    this.at = starts[this.i] ?? 0;
    this.settle();
  }

  get key(): string {
    return this.keys[this.i]!;
  }

  advance(): void {
    this.at++;
    this.settle();
  }

  /** Moves to the first live entry at or after the current position, within the range. */
  private settle(): void {
    for (; this.i < this.keys.length && this.keys[this.i]! <= this.upper; this.i++) {
      for (; this.at < this.starts[this.i + 1]!; this.at++) {
        const pid = this.pids[this.at]!;
        if (this.dead[pid] === 0) {
          this.pid = pid;
          return;
        }
      }
    }
    this.pid = undefined;
  }
}
