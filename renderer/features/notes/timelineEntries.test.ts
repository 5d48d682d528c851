import { describe, expect, it } from 'vitest';
import type { Note } from '@shared/domain/note';
import type { FollowUp } from '@shared/followups/followUp';
import type { FollowUpEvent } from '@shared/followups/followUpEvents';
import { timelineEntries } from './timelineEntries';

const stamp = (at: number) => ({ staff: 'Anna', deskId: 'd1', deskName: 'Front desk', at });
const note = (id: string, at: number): Note => ({ id, patronId: 'p', branchId: 'b', body: id, kind: 'note', created: stamp(at) });
const followUp: FollowUp = {
  id: 'f', patronId: 'p', branchId: 'b', reason: 'Call', channel: 'phone', firstDueAt: 0, assignee: { kind: 'queue' },
  source: { kind: 'manual' }, message: '', created: stamp(0), pendingDueAt: 0,
};
const event = (id: string, at: number): { followUp: FollowUp; event: FollowUpEvent } =>
  ({ followUp, event: { id, followUpId: 'f', patronId: 'p', branchId: 'b', stamp: stamp(at), type: 'claimed' } });

describe('timelineEntries', () => {
  it('merges notes and follow-up entries newest first', () => {
    const entries = timelineEntries([note('n1', 10), note('n2', 30)], [event('e1', 20), event('e2', 40)]);
    expect(entries.map((e) => e.id)).toEqual(['e2', 'n2', 'e1', 'n1']);
    expect(entries.map((e) => e.kind)).toEqual(['follow-up', 'note', 'follow-up', 'note']);
  });

  it('puts the later id first within the same millisecond (ids are time-ordered)', () => {
    const entries = timelineEntries([note('018a-2', 10)], [event('018a-1', 10), event('018a-3', 10)]);
    expect(entries.map((e) => e.id)).toEqual(['018a-3', '018a-2', '018a-1']);
  });

  it('is empty when there is nothing', () => {
    expect(timelineEntries([], [])).toEqual([]);
  });
});
