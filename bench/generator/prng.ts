/**
 * Small seeded PRNG (sfc32) so the bench data is identical in Node and in the page and
 * across runs. `rngFor(i)` gives the i-th patron its own stream, so patron i can be
 * regenerated alone (the Node side rebuilds the data set to know each query's results).
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Digits as text, `count` long (leading zeros allowed). */
  digits(count: number): string;
}

export const BENCH_SEED = 0x5eed_d1a7;

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

export function createRng(seed: number): Rng {
  const raw = sfc32(mix32(seed), mix32(seed + 0x9e3779b9), mix32(seed ^ 0x85ebca6b), mix32(seed + 0xc2b2ae35));
  for (let i = 0; i < 12; i++) raw();
  const rng: Rng = {
    next: raw,
    int: (min, max) => min + Math.floor(raw() * (max - min + 1)),
    chance: (p) => raw() < p,
    pick: (items) => {
      const item = items[Math.floor(raw() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    digits: (count) => {
      let s = '';
      for (let i = 0; i < count; i++) s += String(Math.floor(raw() * 10));
      return s;
    },
  };
  return rng;
}

/** The stream of patron i (and its notes), independent of every other patron's. */
export function rngFor(stream: number, i: number): Rng {
  return createRng(mix32(BENCH_SEED ^ mix32(stream)) ^ mix32(i + 1));
}

/**
 * Picks from a list where earlier entries are more common (Zipf-like, exponent s):
 * a few surnames are very common, most are rare, as in a real catalogue.
 */
export function zipfPicker<T>(items: readonly T[], s = 0.9): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_, r) => {
    total += 1 / Math.pow(r + 1, s);
    cumulative.push(total);
  });
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    const item = items[lo];
    if (item === undefined) throw new Error('zipfPicker over an empty list');
    return item;
  };
}
