import { describe, expect, it } from 'vitest';
import { isDeskError } from '@shared/errors/deskError';
import { manyEntries, TEST_CONTEXT, TEST_HEADING } from './exportFixtures';
import type { ExportRunOptions } from './exportProgress';
import { buildLogCsv } from './logCsv';
import { buildLogXlsx } from './logXlsx';
import { summarizeEntries } from './summarizeEntries';

const entries = manyEntries(5_000);
const builders: Record<string, (options: ExportRunOptions) => Promise<Uint8Array>> = {
  csv: (options) => buildLogCsv(entries, TEST_CONTEXT, options),
  xlsx: (options) => buildLogXlsx(entries, summarizeEntries(entries), TEST_HEADING, options),
};

describe.each(Object.entries(builders))('%s export progress and cancel', (_name, build) => {
  it('reports progress in steps that rise to the total', async () => {
    const seen: Array<[number, number]> = [];
    await build({ onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBeGreaterThan(2);
    const total = seen[0]![1];
    expect(seen.every(([, t]) => t === total)).toBe(true);
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual([total, total]);
  });

  it('stops with an "aborted" DeskError when cancelled mid-way', async () => {
    const controller = new AbortController();
    let last = 0;
    const run = build({
      signal: controller.signal,
      onProgress: (done) => {
        last = done;
        if (done >= 1_000) controller.abort();
      },
    });
    await expect(run).rejects.toSatisfy((err: unknown) => isDeskError(err, 'aborted'));
    expect(last).toBeLessThan(entries.length);
  });

  it('does not start when already cancelled', async () => {
    await expect(build({ signal: AbortSignal.abort() })).rejects.toSatisfy((err: unknown) => isDeskError(err, 'aborted'));
  });
});
