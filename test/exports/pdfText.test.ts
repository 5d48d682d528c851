import { describe, expect, it } from 'vitest';
import { TEST_HEADING, TRICKY_ENTRIES } from '../../renderer/features/log/export/exportFixtures';
import { buildLogPdf } from '../../renderer/features/log/export/logPdf';
import { summarizeEntries } from '../../renderer/features/log/export/summarizeEntries';
import { pdfText } from './officeTools';

describe('PDF report read by pdftotext', () => {
  it('contains the title, period, filters, totals and the entries', async () => {
    const summary = summarizeEntries(TRICKY_ENTRIES);
    const text = await pdfText(await buildLogPdf({ entries: TRICKY_ENTRIES, summary, heading: TEST_HEADING }));
    const squeezed = text.replace(/[ \t]+/g, ' ');
    expect(squeezed).toContain('Follow-up log');
    expect(squeezed).toContain('1 Mar 2026 – 31 Oct 2026');
    expect(squeezed).toContain('Staff: Anna Øberg');
    expect(squeezed).toContain('Channels: Phone, Email');
    expect(squeezed).toContain('Times are local to Europe/London');
    expect(squeezed).toContain(`Entries: ${summary.total}`);
    expect(squeezed).toMatch(new RegExp(`Done ${summary.byType.done}\\b`));
    expect(squeezed).toMatch(/Left message 1\b/);
    expect(squeezed).toMatch(new RegExp(`Phone ${summary.byChannel.phone}\\b`));
    // The table: a formula-looking name exactly as typed, accents intact, a local time.
    expect(squeezed).toContain('=HYPERLINK("http://x")');
    expect(squeezed).toContain('Jürgen Straße');
    expect(squeezed).toContain('2026-07-01 10:30');
    expect(squeezed).toMatch(/page 1 of \d/);
  });
});
