// A small seeded PRNG (Weyl sequence + fmix32) for deterministic parameter init and test inputs; never Math.random.

/** Uniform floats in [0, 1) from a 32-bit seed; the same seed always gives the same stream. */
export interface Rng {
  /** Next uniform value in [0, 1), 2^-32 resolution. */
  next(): number;
  /** Next uniform value in [lo, hi). */
  uniform(lo: number, hi: number): number;
}

/** A Weyl sequence (golden-ratio step) finalised by MurmurHash3's fmix32: simple, fast, well mixed. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4294967296;
  };
  return { next, uniform: (lo, hi) => lo + (hi - lo) * next() };
}
