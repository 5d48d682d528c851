import type { BrowserContext, Page } from 'playwright-core';
import { DEFAULT_DB_NAME } from '../../renderer/db/deskDb';
import { INDEX_READY_MEASURE } from '../../renderer/db/patronSearchMirror';
import { SYNCED_TABLES } from '../../renderer/sync/syncTables';

/** A new desk's first sync inside the running app (issue 4: "first sync of a new desk shows a progress bar"). */
export interface AppFirstSyncResult {
  records: number;
  /** Click on "Log in" → the status line says "Last synced" (login, first sync, progress bar gone). */
  ms: number;
  rowsPerSec: number;
  /** After the sync, until the in-memory search index was ready again (null: not within the wait). */
  searchIndexMsAfter: number | null;
  /** Main-thread tasks over 50 ms while the sync ran: how long a keystroke could wait. */
  longTasks: { count: number; maxMs: number; totalMs: number };
  counts: Record<string, number>;
}


declare global {
  interface Window {
    __benchLongTasks?: Array<{ start: number; ms: number }>;
  }
}

/**
 * Opens the app (the server's web build) in a new page of `context`, logs in as a new desk
 * through the login form, as staff do, and times the first sync to its end on screen.
 * The origin's storage must have been wiped first, so the desk starts empty.
 */
export async function appFirstSync(context: BrowserContext, origin: string, account: { username: string; password: string }, timeoutMs: number): Promise<AppFirstSyncResult> {
  const page = await context.newPage();
  try {
    // tsx (esbuild, keepNames) wraps named functions in page.evaluate callbacks with __name.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(() => {
      window.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__benchLongTasks!.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${origin}/`);
    await page.getByLabel("This desk's name").fill('Bench desk (in-app first sync)');
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    const startedAt = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('region', { name: 'Sync' }).getByRole('status').getByText(/Last synced/).waitFor({ timeout: timeoutMs });
    const ms = Date.now() - t0;
    const endedAt = await page.evaluate(() => performance.now());
    const tasks = (await page.evaluate(() => window.__benchLongTasks ?? [])).filter((t) => t.start >= startedAt && t.start <= endedAt);
    const searchIndexMsAfter = await searchIndexReadyAfter(page, endedAt, 120_000);
    const counts = await rowCounts(page);
    const records = Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      records,
      ms,
      rowsPerSec: records / (ms / 1000),
      searchIndexMsAfter,
      longTasks: { count: tasks.length, maxMs: Math.max(0, ...tasks.map((t) => t.ms)), totalMs: tasks.reduce((a, t) => a + t.ms, 0) },
      counts,
    };
  } finally {
    await page.close();
  }
}

/** Waits for the app's "search index ready" measure that ends after `after` (page time). */
async function searchIndexReadyAfter(page: Page, after: number, waitMs: number): Promise<number | null> {
  return page.evaluate(
    ([name, since, wait]) =>
      new Promise<number | null>((resolve) => {
        const deadline = performance.now() + wait;
        const look = () => {
          const ready = performance.getEntriesByName(name).find((e) => e.startTime + e.duration >= since);
          if (ready) resolve(ready.startTime + ready.duration - since);
          else if (performance.now() > deadline) resolve(null);
          else setTimeout(look, 100);
        };
        look();
      }),
    [INDEX_READY_MEASURE, after, waitMs] as const,
  );
}

/** Rows in each synced table of the app's database, read with plain IndexedDB (no app code). */
async function rowCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async ([name, tables]) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const out: Record<string, number> = {};
      for (const t of tables) {
        out[t] = await new Promise<number>((resolve, reject) => {
          const req = db.transaction(t, 'readonly').objectStore(t).count();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      }
      return out;
    } finally {
      db.close();
    }
  }, [DEFAULT_DB_NAME, Object.keys(SYNCED_TABLES)] as const);
}
