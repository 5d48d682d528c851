import type { KeystrokeTiming } from '../shared/protocol';
import { readResults, showsExactly } from './resultLabels';
import { afterPaint } from './timing';

/**
 * Measures one keystroke in the running app, in the page: t0 is the keystroke's first
 * event (capture-phase keydown, or beforeinput/input for text a keyboard layout cannot
 * type, e.g. "ü" arrives as an IME commit). Completion is the search box showing exactly
 * the expected results *as the answer to the text now in the box* (the listbox's
 * `data-answers` attribute; MutationObserver on the search box), so a list that stays the
 * same from one keystroke to the next completes when the app says it answers the new text.
 * Then the next frame, then a task after it.
 *
 * The app's first IndexedDB read on `patrons` after the keystroke is still recorded
 * (queryStartMs, txMs) as a diagnostic; since the app reads ahead between keystrokes, that
 * read may be a look-ahead rather than the keystroke's own search.
 */
interface Armed {
  expected: string[];
  /** The text in the box after the keystroke. */
  text: string;
  mode: 'dom' | 'tx';
  t0?: number;
  firstEvent?: string;
  queryStartMs?: number;
  txMs?: number;
  finished: boolean;
  result: Promise<KeystrokeTiming>;
  resolve: (t: KeystrokeTiming) => void;
}

let armed: Armed | undefined;
let root: Element | undefined;

function finish(a: Armed, doneAt: number): void {
  if (a.finished || a.t0 === undefined) return;
  a.finished = true;
  const t0 = a.t0;
  // Both modes complete from the MutationObserver, in the task that changed the DOM, so the
  // next frame is requested there. (Until run 8, 'tx' mode first waited a task: it once
  // completed on the IndexedDB transaction's complete event, before React had rendered.)
  void afterPaint().then(({ frameMs, paintedMs }) => {
    a.resolve({
      ok: true,
      mode: a.mode,
      firstEvent: a.firstEvent ?? '',
      doneMs: doneAt - t0,
      frameMs: frameMs - t0,
      paintedMs: paintedMs - t0,
      queryStartMs: a.queryStartMs ?? null,
      txMs: a.txMs ?? null,
    });
  });
}

function onFirstEvent(e: Event): void {
  if (armed && armed.t0 === undefined) {
    armed.t0 = performance.now();
    armed.firstEvent = e.type;
  }
}

/**
 * Dexie binds IDBDatabase#transaction when the database opens, so the app's reads are
 * observed where they start instead: the first cursor (or getAll/getAllKeys) on a `patrons` index
 * after the keystroke is the app's search; its transaction's complete event ends it.
 */
function patchIndexReads(): void {
  const proto = IDBIndex.prototype as unknown as Record<'openCursor' | 'getAll' | 'getAllKeys', (...args: unknown[]) => IDBRequest>;
  for (const method of ['openCursor', 'getAll', 'getAllKeys'] as const) {
    const original = proto[method];
    proto[method] = function patched(this: IDBIndex, ...args: unknown[]): IDBRequest {
      const request = Reflect.apply(original, this, args) as IDBRequest;
      const a = armed;
      if (a && a.t0 !== undefined && a.queryStartMs === undefined && this.objectStore.name === 'patrons') {
        const t0 = a.t0;
        a.queryStartMs = performance.now() - t0;
        request.transaction?.addEventListener('complete', () => {
          a.txMs = performance.now() - t0;
        });
      }
      return request;
    };
  }
}

export function install(): void {
  if (root) return;
  const box = document.querySelector('[role="search"]');
  if (!box) throw new Error('The search box is not on the page');
  root = box;
  for (const type of ['keydown', 'beforeinput', 'input']) window.addEventListener(type, onFirstEvent, { capture: true });
  patchIndexReads();
  new MutationObserver(() => {
    const a = armed;
    if (a && a.t0 !== undefined && !a.finished && answers(box, a.text) && showsExactly(box, a.expected)) finish(a, performance.now());
  }).observe(box, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-answers'] });
}

/** The listbox says its results answer this text. */
function answers(box: Element, text: string): boolean {
  return box.querySelector('[role="listbox"]')?.getAttribute('data-answers') === text;
}

/**
 * Call before the keystroke. `text`: the box's content after it. `mode` 'tx' when the
 * expected list is already on screen (reported separately: only the answer marker changes).
 */
export function arm(expected: string[], mode: 'dom' | 'tx', timeoutMs: number, text: string): void {
  let resolve!: (t: KeystrokeTiming) => void;
  const result = new Promise<KeystrokeTiming>((r) => (resolve = r));
  const a: Armed = { expected, text, mode, finished: false, result, resolve };
  armed = a;
  setTimeout(() => {
    if (a.finished) return;
    a.finished = true;
    const nan = Number.NaN;
    resolve({ ok: false, mode, firstEvent: a.firstEvent ?? '', doneMs: nan, frameMs: nan, paintedMs: nan, queryStartMs: a.queryStartMs ?? null, txMs: a.txMs ?? null, rendered: root ? readResults(root).labels : [] });
  }, timeoutMs);
}

export function result(): Promise<KeystrokeTiming> {
  if (!armed) throw new Error('arm() first');
  return armed.result;
}

export function shown(): string[] {
  return root ? readResults(root).labels : [];
}
