import type { BrowserContext } from 'playwright-core';
import type { SearchIndexLoad } from '../page/searchIndexCost';
import { summarize, type Summary } from '../shared/stats';
import { openBenchPage } from './benchPage';

export interface SearchIndexCost extends Omit<SearchIndexLoad, 'searchMs'> {
  /** JS heap growth with the index held, after a forced GC before and after (bytes). */
  heapBytes: number;
  search: Summary;
}

/** Loads the in-memory search index in a fresh bench page and measures its load time and heap. */
export async function measureSearchIndex(context: BrowserContext, origin: string, samples: readonly string[], log: (line: string) => void): Promise<SearchIndexCost> {
  const page = await openBenchPage(context, origin, log);
  try {
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const before = await heap();
    const load = await page.evaluate((s) => window.deskBench!.loadSearchIndex(s), samples);
    const after = await heap();
    await page.evaluate(() => window.deskBench!.dropSearchIndex());
    const { searchMs, ...rest } = load;
    return { ...rest, heapBytes: after - before, search: summarize(searchMs) };
  } finally {
    await page.close();
  }
}
