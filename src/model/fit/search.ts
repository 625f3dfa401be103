// One-dimensional bounded search used by the paper-fit: log-spaced grids and golden-section refinement (both
// deterministic, so `ngpc fit` reproduces its own output).

/** n values from min to max (inclusive), evenly spaced in log space. */
export function logGrid(min: number, max: number, n: number): number[] {
  if (n === 1) return [Math.sqrt(min * max)];
  const a = Math.log(min);
  const b = Math.log(max);
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
}

export interface GoldenResult {
  x: number;
  fx: number;
  iterations: number;
  /** Final bracket width relative to x (log space: hi/lo − 1). */
  bracketRelative: number;
}

/**
 * Golden-section minimisation of f over [lo, hi] in log space, for a fixed number of iterations (each shrinks the
 * bracket by 0.618). Returns the best point seen, including the two ends' interior probes.
 */
export function goldenSectionLog(
  f: (x: number) => number,
  lo: number,
  hi: number,
  iterations: number,
): GoldenResult {
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(lo);
  let b = Math.log(hi);
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = f(Math.exp(c));
  let fd = f(Math.exp(d));
  for (let i = 0; i < iterations; i++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = f(Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = f(Math.exp(d));
    }
  }
  const [x, fx] = fc <= fd ? [Math.exp(c), fc] : [Math.exp(d), fd];
  return { x, fx, iterations, bracketRelative: Math.exp(b - a) - 1 };
}

/** The index of the smallest value (the first on ties). */
export function argmin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[best]!) best = i;
  return best;
}
