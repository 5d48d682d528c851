import { describe, expect, it } from 'vitest';
import type { Dashboard } from '@shared/log/logSummary';
import { manyEntries, TEST_HEADING, TRICKY_ENTRIES } from './exportFixtures';
import { buildLogPdf } from './logPdf';
import { donePerWeek } from './reportFigures';
import { summarizeEntries } from './summarizeEntries';

const dashboard: Dashboard = {
  timeZone: 'Europe/London',
  donePerWeek: [{ weekStart: '2026-06-29', count: 3 }, { weekStart: '2026-07-06', count: 0 }, { weekStart: '2026-07-13', count: 5 }],
  outcomesByChannel: [{ channel: 'phone', outcome: 'reached', count: 4 }, { channel: 'phone', outcome: 'no-answer', count: 2 }, { channel: 'email', outcome: 'emailed', count: 3 }],
  overdueNow: 7,
  medianMinutesToFirstContact: 95,
  firstContactCount: 12,
  campaigns: [{ campaignId: 'c-1', name: 'We miss you', followUps: 10, reached: 4, cameBack: 2 }],
  stageMoves: [],
};

describe('PDF report', () => {
  it('renders a PDF, CJK and emoji included, without throwing', async () => {
    const bytes = await buildLogPdf({ entries: TRICKY_ENTRIES, summary: summarizeEntries(TRICKY_ENTRIES), heading: TEST_HEADING, dashboard });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  });

  it('lists at most maxTableRows entries, reports progress to the total and says when the layout (which reports none) starts', async () => {
    const entries = manyEntries(300);
    const seen: Array<number | string> = [];
    const bytes = await buildLogPdf(
      { entries, summary: summarizeEntries(entries), heading: TEST_HEADING, maxTableRows: 120 },
      { onProgress: (done, total) => seen.push(done / total), onStage: (stage) => seen.push(stage) },
    );
    expect(bytes.length).toBeGreaterThan(1000);
    // The table's rows, then the stage, then the finished file.
    expect(seen.slice(-3)).toEqual([0.5, 'writing-file', 1]);
  });

  it('counts done per week from the entries when there is no dashboard, empty weeks as 0', () => {
    const weeks = donePerWeek(
      [TRICKY_ENTRIES[0]!, { ...TRICKY_ENTRIES[0]!, eventId: 'x', at: Date.UTC(2026, 6, 20, 12) }],
      'Europe/London',
    );
    expect(weeks).toEqual([{ weekStart: '2026-06-29', count: 1 }, { weekStart: '2026-07-06', count: 0 }, { weekStart: '2026-07-13', count: 0 }, { weekStart: '2026-07-20', count: 1 }]);
  });
});
