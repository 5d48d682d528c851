import { describe, expect, it } from 'vitest';
import { currentStage, DEFAULT_LADDER, LadderSchema, StageSchema, stageLabel, type StageChange } from './stages';

const change = (stageId: string, label: string, at: number): StageChange => ({
  stageId,
  label,
  set: { staff: 'Sam', deskId: 'desk-1', at },
});

describe('currentStage', () => {
  it('is undefined for a patron not on the ladder', () => {
    expect(currentStage([])).toBeUndefined();
  });

  it('picks the latest change, whatever the order of the history', () => {
    const tryer = change('tryer', 'Tryer', 1_700_000_000_000);
    const buyer = change('buyer', 'Buyer', 1_700_000_100_000);
    const advocate = change('advocate', 'Advocate', 1_700_000_200_000);
    expect(currentStage([tryer, buyer, advocate])).toBe(advocate);
    expect(currentStage([advocate, tryer, buyer])).toBe(advocate);
    expect(currentStage([buyer, advocate, tryer])).toBe(advocate);
  });

  it('lets a move down the ladder be current', () => {
    const up = change('advocate', 'Advocate', 1_700_000_000_000);
    const down = change('tryer', 'Tryer', 1_700_000_500_000);
    expect(currentStage([up, down])?.stageId).toBe('tryer');
  });

  it('takes the later-recorded of two changes with the same time', () => {
    const a = change('tryer', 'Tryer', 1_700_000_000_000);
    const b = change('buyer', 'Buyer', 1_700_000_000_000);
    expect(currentStage([a, b])).toBe(b);
  });
});

describe('stageLabel', () => {
  it('uses the current ladder label after a rename', () => {
    const ladder = [{ id: 'tryer', label: 'Newcomer' }, { id: 'buyer', label: 'Regular' }];
    expect(stageLabel(change('buyer', 'Buyer', 1), ladder)).toBe('Regular');
  });

  it('falls back to the recorded label when the stage has left the ladder', () => {
    expect(stageLabel(change('patron', 'Patron of the arts', 1), DEFAULT_LADDER)).toBe('Patron of the arts');
    expect(stageLabel(change('buyer', 'Buyer', 1), [])).toBe('Buyer');
  });
});

describe('LadderSchema', () => {
  it('accepts the default ladder', () => {
    expect(LadderSchema.parse(DEFAULT_LADDER)).toEqual(DEFAULT_LADDER);
  });

  it('rejects an empty ladder', () => {
    const r = LadderSchema.safeParse([]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('The ladder needs at least one stage');
  });

  it('rejects more than 12 stages', () => {
    const stages = Array.from({ length: 13 }, (_, i) => ({ id: `s${i}`, label: `Stage ${i}` }));
    expect(LadderSchema.safeParse(stages).error?.issues[0]?.message).toBe('At most 12 stages');
    expect(LadderSchema.safeParse(stages.slice(1)).success).toBe(true);
  });

  it('rejects a label used twice, ignoring case and surrounding spaces, on the later stage', () => {
    const r = LadderSchema.safeParse([
      { id: 'tryer', label: 'Tryer' },
      { id: 'buyer', label: 'Buyer' },
      { id: 'tryer2', label: ' tRYER ' },
    ]);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: [2, 'label'], message: '"tRYER" is used twice' })]);
  });

  it('trims labels and rejects blank or over-long ones', () => {
    expect(LadderSchema.parse([{ id: 'a', label: '  Friend ' }])).toEqual([{ id: 'a', label: 'Friend' }]);
    expect(StageSchema.safeParse({ id: 'a', label: '   ' }).error?.issues[0]?.message).toBe('Give the stage a name');
    expect(StageSchema.safeParse({ id: 'a', label: 'x'.repeat(41) }).error?.issues[0]?.message).toBe('Keep stage names under 40 characters');
    expect(StageSchema.safeParse({ id: '', label: 'Friend' }).success).toBe(false);
  });
});
