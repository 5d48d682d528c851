import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, changedFields, mergeState, sameJson, type FieldMap, type FieldState, type Json, type MergePolicy } from './fields';
import { formatHlc, type Hlc } from './hlc';

const hlc = (wall: number, desk = 'a', counter = 0): Hlc => formatHlc({ wall, counter, deskId: desk });
const policy = (f: string): MergePolicy => (f === 'seen' ? 'max' : 'lww');
const empty = (): FieldState => ({ fields: {}, clocks: {} });

describe('applyEdit', () => {
  it('lets the later edit of a field win, whichever arrives first', () => {
    const s = empty();
    applyEdit(s, { fields: { name: 'late' }, hlc: hlc(20) });
    expect(applyEdit(s, { fields: { name: 'early' }, hlc: hlc(10) })).toEqual([]);
    expect(s.fields.name).toBe('late');
  });

  it('keeps concurrent edits of different fields', () => {
    const s = empty();
    applyEdit(s, { fields: { a: 1 }, hlc: hlc(10, 'x') });
    applyEdit(s, { fields: { b: 2 }, hlc: hlc(5, 'y') });
    expect(s.fields).toEqual({ a: 1, b: 2 });
  });

  it('breaks a tie on the wall clock by counter, then desk id', () => {
    const s = empty();
    applyEdit(s, { fields: { f: 'from-b' }, hlc: hlc(10, 'b') });
    applyEdit(s, { fields: { f: 'from-a' }, hlc: hlc(10, 'a') });
    expect(s.fields.f).toBe('from-b');
  });

  it('moves a max field only forward', () => {
    const s = empty();
    applyEdit(s, { fields: { seen: 500 }, hlc: hlc(10) }, policy);
    applyEdit(s, { fields: { seen: 300 }, hlc: hlc(99) }, policy);
    expect(s.fields.seen).toBe(500);
  });

  it('reports only fields whose value changed', () => {
    const s = empty();
    expect(applyEdit(s, { fields: { a: 1, b: [1, { c: 2 }] }, hlc: hlc(1) })).toEqual(['a', 'b']);
    expect(applyEdit(s, { fields: { a: 1, b: [1, { c: 2 }] }, hlc: hlc(2) })).toEqual([]);
    expect(s.clocks.a).toBe(hlc(2));
  });
});

describe('mergeState converges', () => {
  const value = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 5 }), fc.constantFrom('x', 'y'), fc.constant<Json>({ k: [1] }));
  const edit = fc.record({
    fields: fc.dictionary(fc.constantFrom('a', 'b', 'seen', 'flag:1'), value, { minKeys: 1 }),
    wall: fc.integer({ min: 0, max: 20 }),
    counter: fc.integer({ min: 0, max: 2 }),
    desk: fc.constantFrom('d1', 'd2', 'd3'),
  });

  it('to the same state whatever order, grouping or repetition the edits arrive in', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), fc.integer(), (edits, seed) => {
        // Two edits with the same HLC are the same edit: make HLCs unique per content.
        const unique = dedupeByHlc(edits);
        const inOrder = empty();
        for (const e of unique) applyEdit(inOrder, { fields: normalise(e.fields), hlc: hlc(e.wall, e.desk, e.counter) }, policy);

        const shuffled = shuffle([...unique, ...unique.slice(0, 2)], seed);
        // Replica B folds edits into two partial states and merges them, as a desk merges a pulled record.
        const left = empty();
        const right = empty();
        shuffled.forEach((e, i) => applyEdit(i % 2 ? left : right, { fields: normalise(e.fields), hlc: hlc(e.wall, e.desk, e.counter) }, policy));
        mergeState(left, right, policy);
        mergeState(left, left, policy);
        expect(left.fields).toEqual(inOrder.fields);
      }),
    );
  });
});

/** `max` fields only make sense for numbers. */
function normalise(fields: FieldMap): FieldMap {
  const out = { ...fields };
  if ('seen' in out && typeof out.seen !== 'number') out.seen = 0;
  return out;
}

function dedupeByHlc<T extends { wall: number; counter: number; desk: string }>(edits: T[]): T[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = `${e.wall}-${e.counter}-${e.desk}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('changedFields and sameJson', () => {
  it('lists changed and removed fields, ignoring key order', () => {
    expect(changedFields({ a: 1, b: { x: 1, y: 2 }, gone: 'z' }, { a: 1, b: { y: 2, x: 1 }, c: 3 })).toEqual({ c: 3, gone: null });
    expect(changedFields(undefined, { a: 1 })).toEqual({ a: 1 });
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: null }, {})).toBe(false);
  });
});
