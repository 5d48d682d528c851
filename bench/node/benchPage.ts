import type { BrowserContext, Page } from 'playwright-core';
import type {} from '../pages/bench'; // window.deskBench
import { BENCH_BASE } from '../shared/constants';

/** Opens the bench page (bench/pages/bench.html) on `origin` and waits for its API. */
export async function openBenchPage(context: BrowserContext, origin: string, log: (line: string) => void): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') log(`  page error: ${m.text()}`);
  });
  await page.goto(`${origin}${BENCH_BASE}bench.html`);
  await page.waitForFunction(() => window.deskBench !== undefined);
  return page;
}
