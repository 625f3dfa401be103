// CPU reference of the grid encoding: partition of unity, linearity, vertex reproduction, adjoint and finite differences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeGridCpu, gridInputGradCpu, gridParamGradCpu } from '../../src/encoding/gridEncoding.cpu.ts';
import { initGridParams } from '../../src/encoding/gridEncoding.ts';
import { type GridEncodingSpec, type Interpolation, levelLayout } from '../../src/encoding/gridLayout.ts';
import { seededRng } from '../../src/encoding/rng.ts';

/** Small random grid configs: every type, 2-D and 3-D, every F, hashed and dense levels. */
const specArb = fc.record({
  otype: fc.constant('Grid' as const),
  type: fc.constantFrom('Hash' as const, 'Dense' as const, 'Tiled' as const),
  nDims: fc.constantFrom(2, 3),
  nLevels: fc.integer({ min: 1, max: 4 }),
  nFeaturesPerLevel: fc.constantFrom(1, 2, 4, 8),
  log2HashmapSize: fc.integer({ min: 4, max: 10 }),
  baseResolution: fc.integer({ min: 2, max: 8 }),
  perLevelScale: fc.constantFrom(1, 1.26, 1.5, 2),
  interpolation: fc.constantFrom<Interpolation>('Linear', 'Nearest', 'Smoothstep'),
}) as fc.Arbitrary<GridEncodingSpec>;

function randomArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(lo, hi));
}

/** A one-level, one-feature 2-D dense grid whose parameter i holds i, so an output names the entries it read. */
function indexedDenseGrid(baseResolution: number, interpolation: Interpolation = 'Linear') {
  const layout = levelLayout({
    otype: 'DenseGrid',
    type: 'Dense',
    nDims: 2,
    nLevels: 1,
    nFeaturesPerLevel: 1,
    log2HashmapSize: 19,
    baseResolution,
    perLevelScale: 1,
    interpolation,
  });
  const params = Float32Array.from({ length: layout.nParams }, (_, i) => i);
  return { layout, params };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

describe('grid encoding CPU reference', () => {
  it('partition of unity: all-ones parameters give 1 for every feature', () => {
    fc.assert(
      fc.property(specArb, fc.integer(), (spec, seed) => {
        const layout = levelLayout(spec);
        const positions = randomArray(16 * spec.nDims, seed, 0, 1);
        positions[0] = 0;
        positions[1] = 1;
        const out = encodeGridCpu(layout, new Float32Array(layout.nParams).fill(1), positions);
        for (const v of out) expect(Math.abs(v - 1)).toBeLessThan(1e-6);
      }),
      { numRuns: 40 },
    );
  });

  it('is linear in the parameters', () => {
    fc.assert(
      fc.property(specArb, fc.integer(), (spec, seed) => {
        const layout = levelLayout(spec);
        const positions = randomArray(8 * spec.nDims, seed, 0, 1);
        const p1 = randomArray(layout.nParams, seed + 1);
        const p2 = randomArray(layout.nParams, seed + 2);
        const sum = p1.map((v, i) => 2 * v - 3 * p2[i]!);
        const a = encodeGridCpu(layout, p1, positions);
        const b = encodeGridCpu(layout, p2, positions);
        const c = encodeGridCpu(layout, sum, positions);
        for (let i = 0; i < c.length; i++) expect(c[i]!).toBeCloseTo(2 * a[i]! - 3 * b[i]!, 5);
      }),
      { numRuns: 40 },
    );
  });

  it('reproduces a dense vertex value at x = (v − 0.5)/scale (docs/sources.md#kernels-12-2)', () => {
    const { layout, params } = indexedDenseGrid(9); // scale 8: (v − 0.5)/8 is exact in f32
    const [vx, vy] = [3, 5];
    const out = encodeGridCpu(layout, params, Float32Array.from([(vx - 0.5) / 8, (vy - 0.5) / 8]));
    expect(out[0]).toBe(vx + vy * 9);
  });

  it('aliases the unclamped +1 corner at x = 1 as tcnn does (docs/sources.md#kernels-1-2)', () => {
    // Scale 4 (integer): x = 1 lands at p = 4.5, corner 5 = resolution.
    const { layout, params } = indexedDenseGrid(5);
    expect(layout.levels[0]!.entries).toBe(32); // round_up(25, 8)
    // Corners (4,4)=24, (5,4)=25, (4,5)=29, (5,5)=30 % 32: each weight 1/4.
    const out = encodeGridCpu(layout, params, Float32Array.from([1, 1]));
    expect(out[0]).toBeCloseTo((24 + 25 + 29 + 30) / 4, 6);
  });

  it('adjoint: ⟨J·v, u⟩ = ⟨v, Jᵀ·u⟩ for the parameter gradient', () => {
    fc.assert(
      fc.property(specArb, fc.integer(), (spec, seed) => {
        const layout = levelLayout(spec);
        const n = 12;
        const positions = randomArray(n * spec.nDims, seed, 0, 1);
        const v = randomArray(layout.nParams, seed + 1);
        const u = randomArray(n * spec.nLevels * spec.nFeaturesPerLevel, seed + 2);
        const lhs = dot(encodeGridCpu(layout, v, positions), u);
        const rhs = dot(v, gridParamGradCpu(layout, positions, u));
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-5 * (1 + Math.abs(lhs)));
      }),
      { numRuns: 40 },
    );
  });

  it('input gradient matches central finite differences away from cell boundaries', () => {
    for (const interpolation of ['Linear', 'Smoothstep'] as const) {
      for (const nDims of [2, 3]) {
        const spec: GridEncodingSpec = {
          otype: 'HashGrid',
          type: 'Hash',
          nDims,
          nLevels: 4,
          nFeaturesPerLevel: 2,
          log2HashmapSize: 8,
          baseResolution: 4,
          perLevelScale: 1.5,
          interpolation,
        };
        const layout = levelLayout(spec);
        const params = initGridParams(layout, seededRng(7), 1);
        const rng = seededRng(11 + nDims);
        const h = 2 ** -14; // x ± h is exact in f32 for x on a 2^-20 grid
        let checked = 0;
        for (let trial = 0; trial < 200 && checked < 20; trial++) {
          const x = Float32Array.from({ length: nDims }, () => Math.round(rng.next() * 2 ** 20) / 2 ** 20);
          // Skip points within 1e-2 cells of a boundary at any level: the encoding is only C⁰ there.
          const near = layout.levels.some((lv) =>
            Array.from(x).some((xd) => {
              const t = lv.scale * xd + 0.5 - Math.floor(lv.scale * xd + 0.5);
              return t < 1e-2 || t > 1 - 1e-2;
            }),
          );
          if (near) continue;
          checked++;
          const u = randomArray(spec.nLevels * 2, trial);
          const grad = gridInputGradCpu(layout, params, x, u);
          for (let d = 0; d < nDims; d++) {
            const xp = Float32Array.from(x);
            const xm = Float32Array.from(x);
            xp[d]! += h;
            xm[d]! -= h;
            const fd =
              (dot(encodeGridCpu(layout, params, xp), u) - dot(encodeGridCpu(layout, params, xm), u)) /
              (2 * h);
            expect(Math.abs(grad[d]! - fd)).toBeLessThan(2e-2 * (1 + Math.abs(fd)));
          }
        }
        expect(checked).toBe(20);
      }
    }
  });

  it('Nearest reads the floor corner only and has zero input gradient', () => {
    const { layout, params } = indexedDenseGrid(9, 'Nearest');
    // x = 0.3 → p = 2.9 → cell 2; y = 0.7 → p = 6.1 → cell 6.
    expect(encodeGridCpu(layout, params, Float32Array.from([0.3, 0.7]))[0]).toBe(2 + 6 * 9);
    expect(
      Array.from(gridInputGradCpu(layout, params, Float32Array.from([0.3, 0.7]), Float32Array.from([1]))),
    ).toEqual([0, 0]);
  });
});
