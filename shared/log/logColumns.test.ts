import { describe, expect, it } from 'vitest';
import type { FollowUp } from '../followups/followUp';
import type { FollowUpEvent } from '../followups/followUpEvents';
import { buildLogEntry, patronSortKey } from './buildLogEntry';
import { neutraliseFormula } from './csvSafety';
import { csvCellText } from './logCellText';
import { LOG_COLUMNS, logRowCells } from './logColumns';

const stamp = { staff: 'Anna', deskId: 'desk-1', deskName: 'Front desk', at: Date.UTC(2026, 6, 1, 9, 30) };
const followUp: FollowUp = {
  id: 'f1', patronId: 'p1', branchId: 'b1', reason: 'We miss you', channel: 'phone', firstDueAt: Date.UTC(2026, 6, 2, 8, 0),
  assignee: { kind: 'queue' }, source: { kind: 'campaign', campaignId: 'c1', name: 'Summer' }, message: '', created: { ...stamp, at: Date.UTC(2026, 6, 1, 8, 0) },
};
const done: FollowUpEvent = { id: 'e1', followUpId: 'f1', patronId: 'p1', branchId: 'b1', stamp, type: 'done', outcome: 'reached', comment: '=1+1' };

describe('log columns', () => {
  it('builds an entry from the event, its follow-up and patron', () => {
    const entry = buildLogEntry(done, followUp, { title: 'Prof.', firstName: 'Yvonne', lastName: 'Yates' });
    expect(entry).toMatchObject({ patronName: 'Prof. Yvonne Yates', outcome: 'reached', comment: '=1+1', channel: 'phone', campaignName: 'Summer', until: null });
    expect(buildLogEntry(done, undefined, undefined)).toMatchObject({ patronName: null, channel: null, campaignId: null, followUpCreatedAt: null });
  });

  it('writes CSV text: ISO instants, local times in the zone, numbers, formulas neutralised', () => {
    const entry = buildLogEntry(done, followUp, { title: '', firstName: 'Émile', lastName: 'Zola' });
    const row = Object.fromEntries(LOG_COLUMNS.map((c, i) => [c.key, csvCellText(logRowCells(entry, { timeZone: 'Europe/London', branchNames: new Map([['b1', 'Main']]) })[i]!, 'Europe/London')]));
    expect(row).toMatchObject({
      time_utc: '2026-07-01T09:30:00.000Z', time_local: '2026-07-01 10:30', entry: 'Done', outcome: 'Reached', comment: "'=1+1",
      minutes_since_created: '90', branch: 'Main', until_local: '', patron: 'Émile Zola',
    });
  });

  it('neutralises every formula start and nothing else', () => {
    for (const s of ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ['Anna', '0201', 'a=b', ' =x', '']) expect(neutraliseFormula(s)).toBe(s);
  });

  it('files patrons by last name, accents and case ignored', () => {
    expect(patronSortKey({ title: 'Dr', firstName: 'Émile', lastName: 'Zola' })).toBe('zola emile');
    expect(patronSortKey({ title: '', firstName: 'Ana', lastName: 'Ñúñez' }) < patronSortKey({ title: '', firstName: 'A', lastName: 'Owen' })).toBe(true);
  });
});
