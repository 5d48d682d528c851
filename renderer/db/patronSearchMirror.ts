import Dexie from 'dexie';
import type { DeskDb } from './deskDb';
import { PatronSearchIndexBuilder, type PatronSearchIndex, type PatronSearchIndexStats } from './patronSearchIndex';
import type { SearchHit } from './searchHit';

/** Patrons per read while loading: one getAll each, short enough not to hold up a keystroke for long. */
const LOAD_PAGE = 1000;
/** Past this many changed entries, rebuilding is cheaper than merging the overlay on every walk. */
const MAX_OVERLAY = 50_000;
/** The mark the bench reads (bench/RESULTS.md run 8): load start → index ready, with its size. */
export const INDEX_READY_MEASURE = 'desk:patron-search-index';

/**
 * Keeps a PatronSearchIndex in step with the `patrons` table, whoever writes it.
 *
 * It listens to Dexie's `storagemutated` event, which fires after every committed write to
 * `patrons` from this tab (repositories, pulled sync pages, erasure) and, over a
 * BroadcastChannel, from other tabs. The event names the changed primary keys; those
 * patrons are read again and applied. A write whose keys Dexie does not list (a bulk write
 * of 50 rows or more, a clear, a range delete) reloads the whole index.
 *
 * Until the first load is done, and from any write until it has been applied, `search()`
 * answers undefined and the caller reads IndexedDB as before: the index is only ever used
 * when it holds every change it has heard of.
 */
export class PatronSearchMirror {
  private index: PatronSearchIndex | undefined;
  private readonly pending = new Set<string>();
  private reloadNeeded = false;
  private busy = false;
  private started = false;
  private disposed = false;
  private readonly freshListeners = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly db: DeskDb) {
    const part = `idb://${db.name}/patrons/`;
    const onMutated = (parts: Record<string, unknown>) => {
      if (parts[part] !== undefined) this.heard(parts[part]);
    };
    Dexie.on('storagemutated', onMutated);
    this.unsubscribe = () => Dexie.on('storagemutated').unsubscribe(onMutated);
  }

  /** Loads the index in the background (pages of patrons, other tasks run between them). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.reloadNeeded = true;
    this.work();
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.index = undefined;
  }

  /** True when the index is loaded and holds every write heard of. */
  get fresh(): boolean {
    return this.index !== undefined && !this.busy && !this.reloadNeeded && this.pending.size === 0;
  }

  /** The answer from memory, or undefined when the index is not fresh (read IndexedDB then). */
  search(raw: string, limit: number): SearchHit[] | undefined {
    return this.fresh ? this.index!.search(raw, limit) : undefined;
  }

  stats(): PatronSearchIndexStats | undefined {
    return this.index?.stats();
  }

  /** Resolves the next time the index is fresh (at once if it is). */
  whenFresh(): Promise<void> {
    if (this.fresh) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.freshListeners.delete(done);
        resolve();
      };
      this.freshListeners.add(done);
    });
  }

  /** Notes what a committed write changed. A Dexie RangeSet (or its clone from another tab): a tree of {from, to, l, r}. */
  private heard(changed: unknown): void {
    const ids: string[] = [];
    const exact = collectKeys(changed, ids);
    if (exact) for (const id of ids) this.pending.add(id);
    else this.reloadNeeded = true;
    this.work();
  }

  /** One load or one batch of changes at a time; whatever arrived meanwhile is taken next. */
  private work(): void {
    if (!this.started || this.disposed || this.busy) return;
    if (!this.reloadNeeded && this.pending.size === 0) {
      if (this.index !== undefined) for (const listener of [...this.freshListeners]) listener();
      return;
    }
    this.busy = true;
    const step = this.reloadNeeded ? this.reload() : this.applyPending();
    step.then(
      () => {
        this.busy = false;
        this.work();
      },
      (err: unknown) => {
        // A change may have been lost: stop answering from memory (IndexedDB still answers).
        console.error('patron search index: stopped', err);
        this.busy = false;
        this.index = undefined;
        this.disposed = true;
      },
    );
  }

  private async applyPending(): Promise<void> {
    const ids = [...this.pending];
    this.pending.clear();
    const patrons = await this.db.patrons.bulkGet(ids);
    if (this.index === undefined) return;
    this.index.apply(ids.map((id, i) => ({ id, patron: patrons[i] })));
    if (this.index.overlaySize > MAX_OVERLAY) this.reloadNeeded = true;
  }

  /** Reads every patron in id order, a page per transaction; restarts if a write it cannot follow comes in meanwhile. */
  private async reload(): Promise<void> {
    const t0 = performance.now();
    this.reloadNeeded = false;
    this.index = undefined;
    // Writes heard from here on are re-read after the load: a page read before them is then corrected.
    this.pending.clear();
    const builder = new PatronSearchIndexBuilder();
    const patrons = this.db.patrons;
    for (let after: string | undefined; ;) {
      const page = await (after === undefined ? patrons.orderBy(':id') : patrons.where(':id').above(after)).limit(LOAD_PAGE).toArray();
      if (this.reloadNeeded || this.disposed) return;
      builder.add(page);
      if (page.length < LOAD_PAGE) break;
      after = page[page.length - 1]!.id;
    }
    const index = await builder.finish(nextTask);
    if (this.reloadNeeded || this.disposed) return;
    this.index = index;
    markReady(t0, this.index.stats());
  }
}

/** Lets other tasks (a keystroke, a frame) run before the load goes on. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Adds the single keys of a RangeSet tree to `out`; false if any part is a range (keys unknown). */
function collectKeys(node: unknown, out: string[]): boolean {
  if (node === null || typeof node !== 'object') return true;
  const n = node as { d?: number; from?: unknown; to?: unknown; l?: unknown; r?: unknown };
  if (n.d === 0) return true;
  if (typeof n.from !== 'string' || n.from !== n.to) return false;
  out.push(n.from);
  return collectKeys(n.l, out) && collectKeys(n.r, out);
}

function markReady(start: number, detail: PatronSearchIndexStats): void {
  try {
    performance.measure(INDEX_READY_MEASURE, { start, end: performance.now(), detail });
  } catch {
    // No User Timing here (some test environments): the mark is for the bench only.
  }
}
