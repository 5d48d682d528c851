import { DEFAULT_DB_NAME, DeskDb } from '../../renderer/db/deskDb';
import { searchPatrons } from '../../renderer/db/patronSearch';
import { afterPaint, navigationMarks } from '../page/timing';
import type { ColdStartTiming } from '../shared/protocol';

/**
 * Cold-start baseline: the least a page can do to show a search result: open the same
 * database, run the app's searchPatrons for ?q=, put the names in a list.
 */
declare global {
  interface Window {
    __coldResult?: ColdStartTiming;
  }
}

async function main(): Promise<void> {
  const scriptMs = performance.now();
  const query = new URLSearchParams(location.search).get('q') ?? '';
  const db = new DeskDb(DEFAULT_DB_NAME);
  const found = await searchPatrons(db, query);
  const list = document.getElementById('results')!;
  for (const p of found) {
    const li = document.createElement('li');
    li.textContent = `${[p.title, p.firstName, p.lastName].filter((s) => s !== '').join(' ')} — Card ${p.cardNumber}`;
    list.append(li);
  }
  const resultDomMs = performance.now();
  const { frameMs, paintedMs } = await afterPaint();
  window.__coldResult = {
    ok: found.length > 0,
    ...navigationMarks(),
    searchBoxMs: scriptMs,
    typedMs: scriptMs,
    resultDomMs,
    resultFrameMs: frameMs,
    resultPaintedMs: paintedMs,
  };
}

main().catch((err: unknown) => {
  window.__coldResult = { ok: false, responseEndMs: 0, domContentLoadedMs: 0, searchBoxMs: 0, typedMs: 0, resultDomMs: 0, resultFrameMs: 0, resultPaintedMs: 0, error: String(err) };
});
