/**
 * Hybrid logical clock (wall ms, counter, desk id) encoded as a fixed-width string, so
 * timestamps compare with `<` and sort the same in JavaScript, IndexedDB and PostgreSQL
 * (`text` with C collation): "0001767945600000-0000-<deskId>".
 *
 * Per-field last-writer-wins orders edits by it: the later HLC wins, and two edits in the
 * same millisecond fall back on the counter, then the desk id, so every replica picks the
 * same winner. A desk clock that runs far ahead would let its edits win for as long as it is
 * ahead, so the clock never adopts a wall time more than MAX_DRIFT_MS past the local clock,
 * and the server refuses mutations stamped that far past its own (sync-protocol.md).
 */
export type Hlc = string & { readonly __hlc: unique symbol };

export const MAX_DRIFT_MS = 5 * 60_000;
const WALL_DIGITS = 16;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 16 ** COUNTER_DIGITS - 1;
const HLC_RE = /^(\d{16})-([0-9a-f]{4})-([A-Za-z0-9_-]{1,64})$/;

export interface HlcParts {
  wall: number;
  counter: number;
  deskId: string;
}

export function formatHlc({ wall, counter, deskId }: HlcParts): Hlc {
  return `${String(wall).padStart(WALL_DIGITS, '0')}-${counter.toString(16).padStart(COUNTER_DIGITS, '0')}-${deskId}` as Hlc;
}

export function parseHlc(value: string): HlcParts | undefined {
  const m = HLC_RE.exec(value);
  if (!m) return undefined;
  return { wall: Number(m[1]), counter: parseInt(m[2]!, 16), deskId: m[3]! };
}

export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && HLC_RE.test(value);
}

/** The wall-clock part of a timestamp, in epoch ms. */
export function hlcWall(hlc: Hlc): number {
  return Number(hlc.slice(0, WALL_DIGITS));
}

/** Desk ids become part of every timestamp, so they are restricted to a safe alphabet. */
export function isValidDeskId(deskId: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(deskId);
}

/**
 * One desk's clock. `now` is injected (tests, skewed desks in the fuzzer). `last` restores
 * the latest timestamp this desk issued or saw, so a restart never goes backwards.
 */
export class HlcClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly deskId: string,
    private readonly now: () => number,
    last?: Hlc,
  ) {
    if (!isValidDeskId(deskId)) throw new Error(`Desk id "${deskId}" may use only letters, digits, "-" and "_" (1–64)`);
    if (last) this.observe(last);
  }

  /** A new timestamp, later than every one this clock issued or accepted. */
  tick(): Hlc {
    const now = this.now();
    if (now > this.wall || this.wall > now + MAX_DRIFT_MS) {
      // Ahead of everything seen: restart the counter. Or the clock was set back after
      // running far ahead: follow the corrected clock rather than the bogus future.
      this.wall = now;
      this.counter = 0;
    } else if (this.counter < MAX_COUNTER) {
      this.counter++;
    } else {
      this.wall++;
      this.counter = 0;
    }
    return formatHlc({ wall: this.wall, counter: this.counter, deskId: this.deskId });
  }

  /**
   * A new timestamp that is also later than `floor`: for an edit of a field whose current
   * value carries `floor`. Whoever edits what they see must win over it, even on a desk whose
   * clock is far behind the one that stamped it (the server never stores stamps more than
   * 5 minutes past its own clock, so this cannot run away into the future).
   */
  tickAfter(floor: Hlc): Hlc {
    const next = this.tick();
    if (next > floor) return next;
    const f = parseHlc(floor);
    if (!f) return next;
    if (f.counter < MAX_COUNTER) {
      this.wall = f.wall;
      this.counter = f.counter + 1;
    } else {
      this.wall = f.wall + 1;
      this.counter = 0;
    }
    return formatHlc({ wall: this.wall, counter: this.counter, deskId: this.deskId });
  }

  /** Takes in a timestamp from another desk, so this desk's next edit orders after it. */
  observe(remote: Hlc): void {
    const parts = parseHlc(remote);
    if (!parts || parts.wall > this.now() + MAX_DRIFT_MS) return; // never adopt a far-future wall
    if (parts.wall > this.wall || (parts.wall === this.wall && parts.counter > this.counter)) {
      this.wall = parts.wall;
      this.counter = parts.counter;
    }
  }

  /** The latest timestamp issued or observed (to persist). */
  peek(): Hlc {
    return formatHlc({ wall: this.wall, counter: this.counter, deskId: this.deskId });
  }
}
