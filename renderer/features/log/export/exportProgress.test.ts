import { afterEach, describe, expect, it, vi } from 'vitest';
import { isDeskError } from '@shared/errors/deskError';
import { manyEntries, TEST_CONTEXT, TEST_HEADING } from './exportFixtures';
import { enterStage, type ExportRunOptions } from './exportProgress';
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

describe('enterStage', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A page's globals: `frames` decides whether requestAnimationFrame ever calls back. */
  function onAPage(frames: 'paint' | 'hidden'): { requested: () => number } {
    let requested = 0;
    vi.stubGlobal('document', {});
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
      requested += 1;
      if (frames === 'paint') setTimeout(() => callback(0), 0);
      return requested;
    });
    vi.stubGlobal('cancelAnimationFrame', () => {});
    return { requested: () => requested };
  }

  it('does nothing without an onStage', async () => {
    const page = onAPage('paint');
    await enterStage({}, 'writing-file');
    expect(page.requested()).toBe(0);
  });

  it('reports the stage, then waits for a frame on a page before the builder holds the thread', async () => {
    const page = onAPage('paint');
    const seen: string[] = [];
    await enterStage({ onStage: (stage) => seen.push(`${stage}, frames asked: ${page.requested()}`) }, 'writing-file');
    expect(seen).toEqual(['writing-file, frames asked: 0']);
    expect(page.requested()).toBe(1);
  });

  it('goes on in a hidden window, which paints no frames', async () => {
    const page = onAPage('hidden');
    const stages: string[] = [];
    await enterStage({ onStage: (stage) => stages.push(stage) }, 'writing-file');
    expect(stages).toEqual(['writing-file']);
    expect(page.requested()).toBe(1);
  });

  it('ends the export when Cancel comes while it waits, before the step that cannot be interrupted', async () => {
    const aborted = (err: unknown) => isDeskError(err, 'aborted');
    // A worker: a Cancel already given by the time the stage is reported.
    const early = new AbortController();
    await expect(enterStage({ signal: early.signal, onStage: () => early.abort() }, 'writing-file')).rejects.toSatisfy(aborted);
    // A page: the click is heard while it waits for the frame.
    onAPage('paint');
    const late = new AbortController();
    await expect(enterStage({ signal: late.signal, onStage: () => setTimeout(() => late.abort(), 0) }, 'writing-file')).rejects.toSatisfy(aborted);
  });
});
