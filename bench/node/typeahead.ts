import type { BrowserContext, Page } from 'playwright-core';
import type {} from '../pages/probe'; // window.typeaheadProbe
import { BENCH_BASE } from '../shared/constants';
import type { KeystrokeTiming } from '../shared/protocol';
import type { BenchQuery, QueryCategory } from './queries';
import type { SearchModel } from './searchModel';
import { openApp } from './appPage';

/**
 * Types each query into the real app one character at a time and times every keystroke
 * in the page (see page/keystrokeMeter.ts). Node only drives the keyboard and knows, from
 * the search model, which results each keystroke must bring on screen.
 */
export interface KeystrokeRecord {
  query: string;
  category: QueryCategory;
  prefix: string;
  /** The query's last keystroke (the full query typed). */
  last: boolean;
  timing: KeystrokeTiming;
}

const KEYSTROKE_TIMEOUT_MS = 3000;
const SETTLE_MS = 3000;
const WARMUP_QUERY = 'warm';
const MAX_FAILURES = 25;
/** renderer/db/patronSearchMirror.ts INDEX_READY_MEASURE: the app's in-memory search index is loaded. */
const INDEX_READY_MEASURE = 'desk:patron-search-index';
const INDEX_WAIT_MS = 120_000;

/** When the app's in-memory index became ready: ms after navigation, how long its load took, and its size. */
export interface AppIndexReady {
  readyAtMs: number;
  loadMs: number;
  detail: unknown;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

async function clearBox(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('[role="listbox"]') === null, null, { timeout: 5000 });
}

export async function runTypeahead(
  context: BrowserContext,
  origin: string,
  queries: readonly BenchQuery[],
  model: SearchModel,
  log: (line: string) => void,
  typingGapMs: number,
): Promise<{ records: KeystrokeRecord[]; failures: number; appIndex: AppIndexReady | null }> {
  const page = await openApp(context, origin);
  await page.evaluate(async (src) => {
    await import(src);
    window.typeaheadProbe!.install();
  }, `${origin}${BENCH_BASE}assets/probe.js`);
  const input = page.getByRole('combobox', { name: 'Find a patron' });
  await input.focus();
  // Steady state, not start-up: let the home screen's own queries finish, then type one
  // unmeasured query (the cold-start bench covers the first search after opening the app).
  await page.waitForTimeout(SETTLE_MS);
  // Steady state includes the in-memory index the app loads in the background after start.
  const appIndex = await page
    .waitForFunction((name) => performance.getEntriesByName(name)[0] !== undefined, INDEX_READY_MEASURE, { timeout: INDEX_WAIT_MS })
    .then(() => page.evaluate((name) => {
      const m = performance.getEntriesByName(name)[0] as PerformanceMeasure;
      return { readyAtMs: m.startTime + m.duration, loadMs: m.duration, detail: m.detail as unknown };
    }, INDEX_READY_MEASURE))
    .catch(() => null);
  log(appIndex ? `  the app's search index was ready ${Math.round(appIndex.readyAtMs)} ms after navigation (load ${Math.round(appIndex.loadMs)} ms): ${JSON.stringify(appIndex.detail)}` : '  the app never reported its search index ready: keystrokes read IndexedDB');
  for (const ch of WARMUP_QUERY) await page.keyboard.type(ch);
  await page.waitForTimeout(SETTLE_MS);
  await clearBox(page);

  const records: KeystrokeRecord[] = [];
  let failures = 0;
  for (const [qi, query] of queries.entries()) {
    let onScreen: string[] | null = null;
    const chars = [...query.text];
    for (let k = 1; k <= chars.length; k++) {
      const prefix = chars.slice(0, k).join('');
      const expected = model.expected(prefix);
      if (!expected.open) continue;
      const mode = onScreen !== null && expected.labels.length > 0 && same(onScreen, expected.labels) ? 'tx' : 'dom';
      // Staff pause between keys; the app may use the pause (it reads ahead). --typing-gap-ms 0 types as fast as results paint.
      if (k > 1 && typingGapMs > 0) await page.waitForTimeout(typingGapMs);
      await page.evaluate(([e, m, t, x]) => window.typeaheadProbe!.arm(e, m, t, x), [expected.labels, mode, KEYSTROKE_TIMEOUT_MS, prefix] as const);
      await page.keyboard.type(chars[k - 1]!);
      const timing = await page.evaluate(() => window.typeaheadProbe!.result());
      records.push({ query: query.text, category: query.category, prefix, last: k === chars.length, timing });
      onScreen = expected.labels;
      if (!timing.ok) {
        failures++;
        log(`  keystroke timed out: "${prefix}" expected ${expected.labels.length} results [${expected.labels.slice(0, 3).join('; ')}…], shown ${timing.rendered?.length ?? 0} [${(timing.rendered ?? []).slice(0, 3).join('; ')}…]`);
        onScreen = timing.rendered ?? null;
        if (failures >= MAX_FAILURES) throw new Error(`Type-ahead bench aborted: ${failures} keystrokes never showed the expected results`);
      }
    }
    await clearBox(page);
    if ((qi + 1) % 50 === 0) log(`  ${qi + 1}/${queries.length} queries typed`);
  }
  await page.close();
  return { records, failures, appIndex };
}
