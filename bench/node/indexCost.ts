import type { BrowserContext } from 'playwright-core';
import { median } from '../shared/stats';
import type { IndexCostResult } from '../shared/protocol';
import type { BenchOptions } from './args';
import { clearOriginStorage } from './browser';
import { openBenchPage } from './benchPage';

/**
 * Runs the index-cost comparison on `origin` (a second origin: its own backing store):
 * every measurement starts from emptied storage, so none inherits the compaction of the
 * previous one; the variant order alternates between rounds.
 */
export async function runIndexCost(context: BrowserContext, origin: string, o: BenchOptions, log: (line: string) => void): Promise<IndexCostResult> {
  const args = [o.indexRows, o.patrons, o.notesPerPatron] as const;
  let page = await openBenchPage(context, origin, log);
  const specs = await page.evaluate(() => window.deskBench!.indexVariants());
  const { avgTermsPerPatron, termsMicrosPerPatron } = await page.evaluate(([r, p, n]) => window.deskBench!.termsCost(r, p, n), args);
  await page.close();

  const rates = new Map<string, number[]>(specs.map((s) => [s.variant, []]));
  const noteRates: number[] = [];
  let noteRows = 0;
  for (let round = 0; round < o.indexRounds; round++) {
    for (const spec of round % 2 === 0 ? specs : [...specs].reverse()) {
      await clearOriginStorage(context, origin);
      page = await openBenchPage(context, origin, log);
      const rate = await page.evaluate(([s, r, p, n, c]) => window.deskBench!.writePatrons(s, r, p, n, c), [spec, ...args, o.chunk] as const);
      await page.close();
      rates.get(spec.variant)!.push(rate);
    }
    await clearOriginStorage(context, origin);
    page = await openBenchPage(context, origin, log);
    const notes = await page.evaluate(([r, p, n, c]) => window.deskBench!.writeNotes(r, p, n, c), [...args, o.chunk] as const);
    await page.close();
    noteRows = notes.rows;
    noteRates.push(notes.rowsPerSec);
    log(`  round ${round + 1}/${o.indexRounds}: ${specs.map((s) => `${s.variant} ${Math.round(rates.get(s.variant)!.at(-1) ?? 0)}`).join(', ')} rows/s`);
  }
  await clearOriginStorage(context, origin);
  return {
    rows: o.indexRows,
    chunk: o.chunk,
    rounds: o.indexRounds,
    avgTermsPerPatron,
    termsMicrosPerPatron,
    variants: specs.map((s) => ({ ...s, rows: o.indexRows, rowsPerSec: rates.get(s.variant)!, medianRowsPerSec: median(rates.get(s.variant)!) })),
    notes: { rows: noteRows, rowsPerSec: noteRates, medianRowsPerSec: median(noteRates) },
  };
}
