/**
 * What the app's search box shows, as comparable labels ("Name|card"), read from the
 * DOM of renderer/features/search/SearchBox.tsx. No imports: also bundled into the
 * cold-start init script.
 */
export interface RenderedResults {
  open: boolean;
  labels: string[];
  /** The "No matches" row (shown only once the search for the current text has settled). */
  empty: boolean;
}

export function readResults(root: ParentNode): RenderedResults {
  const list = root.querySelector('[role="listbox"]');
  if (!list) return { open: false, labels: [], empty: false };
  const labels = [...list.querySelectorAll('[role="option"]')].map((option) => {
    const name = option.querySelector('.search__name')?.textContent ?? '';
    const card = (option.querySelector('.search__card')?.textContent ?? '').replace(/^Card /, '');
    return `${name}|${card}`;
  });
  return { open: true, labels, empty: list.querySelector('.search__empty') !== null };
}

/** True when the box shows exactly the expected results for the current text. */
export function showsExactly(root: ParentNode, expected: readonly string[]): boolean {
  const shown = readResults(root);
  if (!shown.open) return false;
  if (expected.length === 0) return shown.labels.length === 0 && shown.empty;
  return shown.labels.length === expected.length && shown.labels.every((l, i) => l === expected[i]);
}
