import { describe, expect, it } from 'vitest';
import { arrangeNotes, isAlertActive, NoteInputSchema, type Note } from './note';

/** Local-time instants, so day comparisons mean the same in any time zone. */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const stamp = (when: number) => ({ staff: 'Sam', deskId: 'desk-1', at: when });

const note = (id: string, created: number, over: Partial<Note> = {}): Note => ({
  id,
  patronId: 'p1',
  branchId: 'b1',
  body: `note ${id}`,
  kind: 'note',
  created: stamp(created),
  ...over,
});

const NOW = at(2026, 3, 15, 10);

describe('NoteInputSchema', () => {
  it('trims the body and defaults the kind to note', () => {
    expect(NoteInputSchema.parse({ body: '  Asked about the local history trial.  ' })).toEqual({
      body: 'Asked about the local history trial.',
      kind: 'note',
    });
  });

  it('asks for a body when it is empty or blank', () => {
    for (const body of ['', '   \n\t']) {
      const r = NoteInputSchema.safeParse({ body });
      expect(r.success).toBe(false);
      expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['body'], message: 'Type the note first' })]);
    }
  });

  it('caps the body at 5,000 characters', () => {
    expect(NoteInputSchema.safeParse({ body: 'x'.repeat(5000) }).success).toBe(true);
    expect(NoteInputSchema.safeParse({ body: 'x'.repeat(5001) }).error?.issues[0]?.message).toBe('Keep a note under 5,000 characters');
  });

  it('accepts an alert with a last day and rejects an impossible one', () => {
    expect(NoteInputSchema.parse({ body: 'Hold for ID check', kind: 'alert', expiresOn: '2026-04-30' })).toEqual({
      body: 'Hold for ID check',
      kind: 'alert',
      expiresOn: '2026-04-30',
    });
    expect(NoteInputSchema.safeParse({ body: 'x', kind: 'alert', expiresOn: '2026-04-31' }).success).toBe(false);
    expect(NoteInputSchema.safeParse({ body: 'x', kind: 'pin' }).success).toBe(false);
  });
});

describe('isAlertActive', () => {
  const alert = (over: Partial<Note> = {}) => note('a', at(2026, 3, 1), { kind: 'alert', ...over });

  it('is active for a live alert with no last day', () => {
    expect(isAlertActive(alert(), NOW)).toBe(true);
  });

  it('is never active for an ordinary note', () => {
    expect(isAlertActive(note('n', at(2026, 3, 1)), NOW)).toBe(false);
  });

  it('stops once acknowledged or deleted', () => {
    expect(isAlertActive(alert({ acknowledged: stamp(at(2026, 3, 2)) }), NOW)).toBe(false);
    expect(isAlertActive(alert({ deleted: stamp(at(2026, 3, 2)) }), NOW)).toBe(false);
  });

  it('still shows on its last day and stops the day after', () => {
    const a = alert({ expiresOn: '2026-03-15' });
    expect(isAlertActive(a, at(2026, 3, 15, 0, 0))).toBe(true);
    expect(isAlertActive(a, at(2026, 3, 15, 23, 59))).toBe(true);
    expect(isAlertActive(a, at(2026, 3, 16, 0, 0))).toBe(false);
    expect(isAlertActive(alert({ expiresOn: '2026-03-14' }), NOW)).toBe(false);
  });
});

describe('arrangeNotes', () => {
  it('puts active alerts apart and everything else in the timeline, both newest first', () => {
    const n1 = note('n1', at(2026, 3, 1));
    const n2 = note('n2', at(2026, 3, 10));
    const a1 = note('a1', at(2026, 3, 5), { kind: 'alert' });
    const a2 = note('a2', at(2026, 3, 12), { kind: 'alert', expiresOn: '2026-03-20' });
    const expired = note('ax', at(2026, 3, 3), { kind: 'alert', expiresOn: '2026-03-14' });
    const acked = note('ak', at(2026, 3, 8), { kind: 'alert', acknowledged: stamp(at(2026, 3, 9)) });
    const { alerts, timeline } = arrangeNotes([n1, a1, expired, n2, acked, a2], NOW);
    expect(alerts.map((n) => n.id)).toEqual(['a2', 'a1']);
    expect(timeline.map((n) => n.id)).toEqual(['n2', 'ak', 'ax', 'n1']);
  });

  it('drops deleted notes and alerts', () => {
    const { alerts, timeline } = arrangeNotes(
      [
        note('n1', at(2026, 3, 1)),
        note('gone', at(2026, 3, 2), { deleted: stamp(at(2026, 3, 3)) }),
        note('gone-alert', at(2026, 3, 4), { kind: 'alert', deleted: stamp(at(2026, 3, 5)) }),
      ],
      NOW,
    );
    expect(alerts).toEqual([]);
    expect(timeline.map((n) => n.id)).toEqual(['n1']);
  });

  it('does not reorder the list it was given', () => {
    const input = [note('old', at(2026, 1, 1)), note('new', at(2026, 2, 1))];
    arrangeNotes(input, NOW);
    expect(input.map((n) => n.id)).toEqual(['old', 'new']);
  });

  it('returns empty lists for no notes', () => {
    expect(arrangeNotes([], NOW)).toEqual({ alerts: [], timeline: [] });
  });
});
