import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, HlcClock, hlcWall, isHlc, MAX_DRIFT_MS, parseHlc } from './hlc';

describe('HLC encoding', () => {
  it('round-trips and sorts as strings in timestamp order', () => {
    fc.assert(
      fc.property(
        fc.record({ wall: fc.nat({ max: 2 ** 52 }), counter: fc.nat({ max: 0xffff }), deskId: fc.stringMatching(/^[a-z0-9-]{1,12}$/) }),
        fc.record({ wall: fc.nat({ max: 2 ** 52 }), counter: fc.nat({ max: 0xffff }), deskId: fc.stringMatching(/^[a-z0-9-]{1,12}$/) }),
        (a, b) => {
          expect(parseHlc(formatHlc(a))).toEqual(a);
          const byParts = a.wall - b.wall || a.counter - b.counter || (a.deskId < b.deskId ? -1 : a.deskId > b.deskId ? 1 : 0);
          const byString = formatHlc(a) < formatHlc(b) ? -1 : formatHlc(a) > formatHlc(b) ? 1 : 0;
          expect(byString).toBe(Math.sign(byParts));
        },
      ),
    );
  });

  it('rejects malformed timestamps', () => {
    for (const bad of ['', '123', '0000000000000001-0000-', '0000000000000001-000g-desk', `${'9'.repeat(16)}-0000-desk id`]) {
      expect(isHlc(bad)).toBe(false);
      expect(parseHlc(bad)).toBeUndefined();
    }
    expect(isHlc(formatHlc({ wall: 1, counter: 0, deskId: 'd' }))).toBe(true);
  });
});

describe('HlcClock', () => {
  it('issues strictly increasing timestamps even when the clock stands still or steps back a little', () => {
    let now = 1_000;
    const clock = new HlcClock('desk-a', () => now);
    const seen = [clock.tick(), clock.tick()];
    now = 900;
    seen.push(clock.tick());
    now = 2_000;
    seen.push(clock.tick());
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    expect(hlcWall(seen[3]!)).toBe(2_000);
  });

  it('orders its next edit after a timestamp it observed from another desk', () => {
    const a = new HlcClock('desk-a', () => 5_000);
    const b = new HlcClock('desk-b', () => 1_000);
    const remote = a.tick();
    b.observe(remote);
    expect(b.tick() > remote).toBe(true);
  });

  it('never adopts a wall time far past its own clock', () => {
    const clock = new HlcClock('desk-a', () => 1_000_000);
    clock.observe(formatHlc({ wall: 1_000_000 + MAX_DRIFT_MS + 1, counter: 0, deskId: 'skewed' }));
    expect(hlcWall(clock.tick())).toBe(1_000_000);
  });

  it('follows a clock corrected after running far ahead', () => {
    let now = 10 * 86_400_000;
    const clock = new HlcClock('desk-a', () => now);
    clock.tick();
    now -= 86_400_000; // someone fixed the clock: it was a day ahead
    expect(hlcWall(clock.tick())).toBe(now);
  });

  it('resumes after a restart from the last timestamp it persisted', () => {
    const first = new HlcClock('desk-a', () => 1_000);
    first.tick();
    const last = first.tick();
    const restarted = new HlcClock('desk-a', () => 1_000, last);
    expect(restarted.tick() > last).toBe(true);
  });

  it('refuses desk ids outside the safe alphabet', () => {
    expect(() => new HlcClock('desk a', () => 0)).toThrow(/letters, digits/);
  });

  it('stamps an edit after the value it replaces, even when its own clock is far behind', () => {
    const clock = new HlcClock('slow-desk', () => 1_000);
    const seen = formatHlc({ wall: 1_000 + 5 * 3_600_000, counter: 7, deskId: 'fast-desk' });
    const edit = clock.tickAfter(seen);
    expect(edit > seen).toBe(true);
    expect(hlcWall(edit)).toBe(1_000 + 5 * 3_600_000);
    // Its ordinary clock is not dragged into the future for later, unrelated edits.
    expect(hlcWall(clock.tick())).toBe(1_000);
  });
});
