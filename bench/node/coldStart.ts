import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import type {} from '../pages/coldProbe'; // window.__coldConfig, window.__coldResult
import { BENCH_BASE } from '../shared/constants';
import type { ColdStartTiming } from '../shared/protocol';
import { sessionInitScript } from './appPage';
import { COLD_PROBE } from './paths';

/**
 * Cold start: a fresh page navigates to the app with the seeded database in place; an
 * init script types the query the moment the search box exists and notes when the
 * expected results are painted (pages/coldProbe.ts). All times are from navigation start.
 */
export type ColdTarget = 'app' | 'bare';

export interface ColdRun {
  target: ColdTarget;
  /** 'tab': a new page in the running browser; 'browser': a freshly launched browser. */
  fresh: 'tab' | 'browser';
  warmup: boolean;
  timing: ColdStartTiming;
}

export async function coldLoad(page: Page, origin: string, target: ColdTarget, query: string, expected: string[]): Promise<ColdStartTiming> {
  const config = `window.__coldConfig = ${JSON.stringify({ query, expected })};`;
  await page.addInitScript({ content: sessionInitScript(config) });
  if (target === 'app') await page.addInitScript({ content: readFileSync(COLD_PROBE, 'utf8') });
  const url = target === 'app' ? `${origin}/` : `${origin}${BENCH_BASE}bare.html?q=${encodeURIComponent(query)}`;
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__coldResult !== undefined, null, { timeout: 30_000 });
  return page.evaluate(() => window.__coldResult!);
}

/** `runs` measured loads after one warm-up load, each in a new tab of the running browser. */
export async function coldInTabs(context: BrowserContext, origin: string, target: ColdTarget, query: string, expected: string[], runs: number): Promise<ColdRun[]> {
  const out: ColdRun[] = [];
  for (let i = 0; i <= runs; i++) {
    const page = await context.newPage();
    const timing = await coldLoad(page, origin, target, query, expected);
    await page.close();
    out.push({ target, fresh: 'tab', warmup: i === 0, timing });
  }
  return out;
}

/** Like coldInTabs but each load in a freshly launched browser on the same profile. */
export async function coldInBrowsers(
  launch: () => Promise<BrowserContext>,
  origin: string,
  target: ColdTarget,
  query: string,
  expected: string[],
  runs: number,
): Promise<ColdRun[]> {
  const out: ColdRun[] = [];
  for (let i = 0; i <= runs; i++) {
    const context = await launch();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const timing = await coldLoad(page, origin, target, query, expected);
      out.push({ target, fresh: 'browser', warmup: i === 0, timing });
    } finally {
      await context.close();
    }
  }
  return out;
}
