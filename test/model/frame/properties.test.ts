// Property tests of the frame model (fast-check): monotone in NFPs, NFP clock, pixels and samples per pixel; the
// speedup never beats its Amdahl bound; NFPs × clock is what the compute-bound NGPC time depends on.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_NAMES, ENCODING_NAMES } from '../../../src/config/app.ts';
import { gpuPresetNames } from '../../../src/config/gpu.ts';
import { type DesignPointInput, designPointSchema } from '../../../src/config/point.ts';
import { evaluatePoint, ngpcConfigOf, type PointResult } from '../../../src/model/frame/designPoint.ts';

// Seeded so that a failure reproduces; each property ≤ 200 runs (the budget: < 5 s each).
const RUNS = { numRuns: 100, seed: 20260 };
const GPUS = gpuPresetNames();

/** Relative slack for "non-increasing": the model is a chain of f64 products and sums, not exact arithmetic. */
const ULPS = 1e-12;

const arbBase = fc.record({
  gpu: fc.constantFrom(...GPUS),
  app: fc.constantFrom(...APP_NAMES),
  encoding: fc.constantFrom(...ENCODING_NAMES),
  widthPx: fc.integer({ min: 1, max: 4096 }),
  heightPx: fc.integer({ min: 1, max: 2160 }),
  nfps: fc.integer({ min: 1, max: 128 }),
});
type Base = typeof arbBase extends fc.Arbitrary<infer T> ? T : never;

function evaluate(b: Base, extra: Partial<DesignPointInput> = {}): PointResult {
  return evaluatePoint(
    designPointSchema.parse({
      gpu: b.gpu,
      app: b.app,
      encoding: b.encoding,
      resolution: `${b.widthPx}x${b.heightPx}`,
      nfps: b.nfps,
      ...extra,
    }),
  );
}

/** The same point with the NGPC clock replaced (the preset with `nfps` applied, then the clock). */
function evaluateAtClock(b: Base, clockHz: number): PointResult {
  const point = designPointSchema.parse({
    gpu: b.gpu,
    app: b.app,
    encoding: b.encoding,
    resolution: `${b.widthPx}x${b.heightPx}`,
    nfps: b.nfps,
  });
  const cfg = ngpcConfigOf(point);
  return evaluatePoint(point, { ngpc: { ...cfg, clock: { value: clockHz, source: 'property test' } } });
}

const frameS = (r: PointResult) => r.frame!.frameSeconds;

describe('frame model properties (fast-check)', () => {
  beforeAll(() => {
    // The first evaluation of each app × encoding simulates an NFP batch event by event (memoised after): pay it
    // once here so that the properties below measure the model, not the cache fill.
    for (const app of APP_NAMES) for (const encoding of ENCODING_NAMES) evaluate({ ...SMALL, app, encoding });
  }, 120_000);

  it('frame time is non-increasing in the number of NFPs', () => {
    fc.assert(
      fc.property(arbBase, fc.integer({ min: 1, max: 128 }), (b, more) => {
        const few = evaluate(b);
        const many = evaluate({ ...b, nfps: b.nfps + more });
        expect(frameS(many)).toBeLessThanOrEqual(frameS(few) * (1 + ULPS));
        expect(many.ngpc!.frameSeconds).toBeLessThanOrEqual(few.ngpc!.frameSeconds * (1 + ULPS));
      }),
      RUNS,
    );
  });

  it('frame time is non-increasing in the NFP clock', () => {
    fc.assert(
      fc.property(
        arbBase,
        fc.double({ min: 0.1e9, max: 3e9, noNaN: true }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        (b, hz, k) => {
          const slow = evaluateAtClock(b, hz);
          const fast = evaluateAtClock(b, hz * k);
          expect(frameS(fast)).toBeLessThanOrEqual(frameS(slow) * (1 + ULPS));
        },
      ),
      RUNS,
    );
  });

  // FINDING (known to fail, kept as stated; `it.fails` turns red once the model satisfies it): the overlapped
  // composition max(ngpc, rest) + min(ngpc stream, rest) / batches can shrink when pixels are added, because the fill
  // term is divided by a batch count that jumps when the queries cross a batch boundary. Counterexample: a100 × nerf ×
  // hashgrid, 3 NFPs: 1x1 px (32 queries, 1 batch) = 47.3062 µs, 2x65 px (4,160 queries, 2 batches) = 47.3047 µs.
  it.fails('frame time is non-decreasing in the pixel count (both axes grow or stay)', () => {
    fc.assert(
      fc.property(
        arbBase,
        fc.integer({ min: 0, max: 2048 }),
        fc.integer({ min: 0, max: 1080 }),
        (b, dw, dh) => {
          const small = evaluate(b);
          const large = evaluate({ ...b, widthPx: b.widthPx + dw, heightPx: b.heightPx + dh });
          expect(frameS(large)).toBeGreaterThanOrEqual(frameS(small) * (1 - ULPS));
          expect(large.baseline.frameSeconds).toBeGreaterThanOrEqual(
            small.baseline.frameSeconds * (1 - ULPS),
          );
        },
      ),
      RUNS,
    );
  });

  it('frame time is non-decreasing in samples per pixel', () => {
    fc.assert(
      fc.property(
        arbBase,
        fc.double({ min: 1, max: 256, noNaN: true }),
        fc.double({ min: 0, max: 256, noNaN: true }),
        (b, spp, more) => {
          const spp1 = { value: spp, source: 'property test' };
          const spp2 = { value: spp + more, source: 'property test' };
          const few = evaluate(b, { samplesPerPixel: spp1 });
          const many = evaluate(b, { samplesPerPixel: spp2 });
          expect(frameS(many)).toBeGreaterThanOrEqual(frameS(few) * (1 - ULPS));
          expect(many.baseline.frameSeconds).toBeGreaterThanOrEqual(few.baseline.frameSeconds * (1 - ULPS));
        },
      ),
      RUNS,
    );
  });

  it('the speedup never exceeds its Amdahl bound (GPU-only frame / fused rest kernels)', () => {
    fc.assert(
      fc.property(arbBase, (b) => {
        const f = evaluate(b).frame!;
        expect(f.speedup).toBeLessThanOrEqual(f.amdahlBoundSpeedup * (1 + ULPS));
      }),
      RUNS,
    );
  });

  it('doubling the NFPs and halving the clock leaves the compute-bound NGPC time unchanged (within rounding)', () => {
    fc.assert(
      fc.property(arbBase, fc.double({ min: 0.2e9, max: 3e9, noNaN: true }), (b, hz) => {
        const a = evaluateAtClock(b, hz);
        const d = evaluateAtClock({ ...b, nfps: 2 * b.nfps }, hz / 2);
        const computeBound = (r: PointResult) => ['encoding', 'mlp'].includes(r.ngpc!.limiter);
        fc.pre(computeBound(a) && computeBound(d));
        // NGPC time = table load (clock- and NFP-independent) + ⌈queries / N⌉ × cycles per query + pipeline fill,
        // over the clock. Only two terms move: ⌈q/2N⌉·2 − ⌈q/N⌉ ∈ {0, 1} query, and the fill (fixed cycles) takes
        // twice as long at half the clock; the fill is at most one batch. Bound both by what the result reports.
        const slackS = (a.ngpc!.cyclesPerQueryPerNfp + a.ngpc!.batch.cycles) / (hz / 2);
        expect(d.ngpc!.frameSeconds).toBeGreaterThanOrEqual(a.ngpc!.frameSeconds * (1 - ULPS));
        expect(d.ngpc!.frameSeconds - a.ngpc!.frameSeconds).toBeLessThanOrEqual(slackS);
      }),
      RUNS,
    );
  });
});

/** A small point used to fill the NFP batch cache before the properties run. */
const SMALL: Base = {
  gpu: 'rtx3090',
  app: 'nerf',
  encoding: 'hashgrid',
  widthPx: 64,
  heightPx: 64,
  nfps: 16,
};
