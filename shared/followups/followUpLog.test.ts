import { describe, expect, it } from 'vitest';
import type { FollowUp } from './followUp';
import type { FollowUpEvent } from './followUpEvents';
import { createdEventOf, eventsByFollowUp, isStoredCreatedEvent, logEventsOf } from './followUpLog';
import { foldFollowUp } from './foldFollowUp';

const stamp = (at: number, staff = 'Anna') => ({ staff, deskId: 'desk-1', deskName: 'Front desk', at });
const followUp: FollowUp = {
  id: 'f1', patronId: 'p1', branchId: 'b1', reason: 'Book due back', channel: 'phone', firstDueAt: 2_000,
  assignee: { kind: 'queue' }, source: { kind: 'manual' }, message: '', created: stamp(1_000),
};
const event = (id: string, body: Partial<FollowUpEvent> & Pick<FollowUpEvent, 'type'>, at: number, followUpId = 'f1'): FollowUpEvent =>
  ({ id, followUpId, patronId: 'p1', branchId: 'b1', stamp: stamp(at, 'Ben'), ...body }) as FollowUpEvent;

describe('a follow-up\'s log', () => {
  it('starts with the follow-up itself as its "created" entry: its id, its patron and branch, its creation stamp', () => {
    expect(createdEventOf(followUp)).toEqual({ id: 'f1', followUpId: 'f1', patronId: 'p1', branchId: 'b1', stamp: stamp(1_000), type: 'created' });
  });

  it('lists the stored events after it, leaving out a stored "created" event and other follow-ups\' events', () => {
    const legacy = event('e0', { type: 'created' }, 1_000);
    const claimed = event('e1', { type: 'claimed' }, 3_000);
    const other = event('e9', { type: 'claimed' }, 3_000, 'f2');
    expect(logEventsOf(followUp, [legacy, claimed, other]).map((e) => [e.id, e.type])).toEqual([['f1', 'created'], ['e1', 'claimed']]);
    expect(isStoredCreatedEvent(legacy)).toBe(true);
    expect(isStoredCreatedEvent(createdEventOf(followUp))).toBe(false);
  });

  it('folds to the same state with or without a stored "created" event', () => {
    const done = event('e2', { type: 'done', outcome: 'reached', comment: '' }, 4_000);
    const withLegacy = logEventsOf(followUp, [event('e0', { type: 'created' }, 1_000), done]);
    expect(foldFollowUp(followUp, withLegacy)).toEqual(foldFollowUp(followUp, logEventsOf(followUp, [done])));
    expect(foldFollowUp(followUp, withLegacy).status).toBe('done');
  });
});

describe('eventsByFollowUp', () => {
  it('groups events by their follow-up, keeping their order within each', () => {
    const a1 = event('a1', { type: 'claimed' }, 3_000);
    const b1 = event('b1', { type: 'claimed' }, 3_100, 'f2');
    const a2 = event('a2', { type: 'released' }, 3_200);
    const grouped = eventsByFollowUp([a1, b1, a2]);
    expect([...grouped.keys()]).toEqual(['f1', 'f2']);
    expect(grouped.get('f1')).toEqual([a1, a2]);
    expect(grouped.get('f2')).toEqual([b1]);
  });
});
