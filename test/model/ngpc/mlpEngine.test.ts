// MLP engine: hand-computed folds × (swap + fill + streamed + drain) for the ws, os and is dataflows; NeRF's cycles.
import { describe, expect, it } from 'vitest';
import {
  type Dataflow,
  foldCycles,
  type GemmShape,
  layerTilePasses,
  type MlpEngineParams,
  mlpBatchCycles,
  mlpEngineGemmCycles,
  mlpEngineParams,
  mlpLayerDims,
  mlpSubBatchQueries,
  ngpcConfigByName,
  type SystolicArrayParams,
  systolicGemmCycles,
} from '../../../src/model/ngpc/index.ts';
import type { MlpShape } from '../../../src/workload/types.ts';

const array64: MlpEngineParams = {
  arrayRows: 64,
  arrayCols: 64,
  passOverheadCycles: 2,
  activationSramBytes: 2 ** 20,
  bytesPerValue: 2,
};
const FILL = 64 + 2;
const DRAIN = 64;

const shape = (inputDims: number, widths: number[], out: number): MlpShape => ({
  name: 'test',
  inputDims,
  width: widths[0] ?? out,
  hiddenLayers: widths.length,
  outputDimsPadded: out,
  outputDims: out,
});

describe('mlpEngine', () => {
  it('runs a 64×64 layer on a 64×64 array in exactly one pass of batch + fill + drain', () => {
    const r = mlpBatchCycles([shape(64, [], 64)], 256, array64);
    expect(r.tilePasses).toBe(1);
    expect(r.cycles).toBe(256 + FILL + DRAIN);
    expect(r.macsPerQuery).toBe(64 * 64);
    expect(r.utilization).toBeCloseTo((256 * 4096) / (4096 * (256 + FILL + DRAIN)), 12);
  });

  it('runs 32→64→64→16 as three passes', () => {
    const mlp = shape(32, [64, 64], 16);
    expect(mlpLayerDims(mlp)).toEqual([
      [32, 64],
      [64, 64],
      [64, 16],
    ]);
    const r = mlpBatchCycles([mlp], 1000, array64);
    expect(r.tilePasses).toBe(3);
    expect(r.cycles).toBe(3 * (1000 + FILL + DRAIN));
    expect(r.macsPerQuery).toBe(32 * 64 + 64 * 64 + 64 * 16);
  });

  it('tiles layers wider than the array', () => {
    expect(layerTilePasses(128, 64, array64)).toBe(2);
    expect(layerTilePasses(64, 128, array64)).toBe(2);
    expect(layerTilePasses(65, 65, array64)).toBe(4);
    expect(layerTilePasses(16, 16, array64)).toBe(1);
  });

  it('splits a batch into sub-batches the double-buffered activation SRAM holds', () => {
    const p = { ...array64, activationSramBytes: 64 * 1024 };
    const mlp = shape(64, [], 64);
    // 64 KiB / (2 buffers × 64 values × 2 B) = 256 queries per sub-batch.
    expect(mlpSubBatchQueries([mlp], p)).toBe(256);
    expect(mlpBatchCycles([mlp], 1024, p).cycles).toBe(1024 + 4 * (FILL + DRAIN));
  });

  it('NeRF on the shipped NFP: 5 passes, sub-batch 1024', () => {
    const p = mlpEngineParams(ngpcConfigByName('ngpc-8'));
    const nerf = [shape(32, [64], 16), shape(32, [64, 64], 16)];
    const r = mlpBatchCycles(nerf, 4096, p);
    expect(r.subBatchQueries).toBe(1024);
    expect(r.tilePasses).toBe(5);
    expect(r.cycles).toBe(5 * (4096 + 4 * (FILL + DRAIN)));
  });
});

// A 4-row × 3-column array (not square, so rows and columns cannot be swapped unnoticed) with one overhead cycle:
// fill = 4 + 1 = 5, drain = 3, exposed swap = 4 (one array row per cycle); one fold streaming 10 = 5 + 10 + 3 = 18.
const array4x3 = (dataflow: Dataflow, stationaryDoubleBuffered = true): SystolicArrayParams => ({
  arrayRows: 4,
  arrayCols: 3,
  passOverheadCycles: 1,
  dataflow,
  stationaryDoubleBuffered,
});
const gemm = (m: number, k: number, n: number): GemmShape => ({ m, k, n });

describe('systolic GEMM per dataflow (4×3 array, fill 5, drain 3)', () => {
  // The same three cases per dataflow, with M, K, N placed so that the stationary tile (rows × columns) is 3 × 2
  // (smaller than the array), 4 × 3 (exactly the array) or 9 × 6 (folded both ways), and the streamed dimension is 10.
  const cases: Record<Dataflow, { small: GemmShape; exact: GemmShape; folded: GemmShape }> = {
    // ws: K on rows, N on columns, M streams.
    ws: { small: gemm(10, 3, 2), exact: gemm(10, 4, 3), folded: gemm(10, 9, 6) },
    // os: M on rows, N on columns, K streams.
    os: { small: gemm(3, 10, 2), exact: gemm(4, 10, 3), folded: gemm(9, 10, 6) },
    // is: K on rows, M on columns, N streams.
    is: { small: gemm(2, 3, 10), exact: gemm(3, 4, 10), folded: gemm(6, 9, 10) },
  };

  describe.each(Object.keys(cases) as Dataflow[])('%s', (dataflow) => {
    const p = array4x3(dataflow);
    const { small, exact, folded } = cases[dataflow];

    it('runs a GEMM smaller than the array in one fold: 5 + 10 + 3 = 18 cycles', () => {
      const r = systolicGemmCycles(small, p);
      expect(r.folds).toBe(1);
      expect(r.cycles).toBe(18);
      // 3 · 2 · 10 = 60 useful MACs over 12 MACs × 18 cycles.
      expect(r.utilization).toBeCloseTo(60 / (12 * 18), 12);
    });

    it('runs a GEMM exactly the array size in one fold: 18 cycles, 120 / (12 · 18) utilisation', () => {
      const r = systolicGemmCycles(exact, p);
      expect(r.folds).toBe(1);
      expect(r.cycles).toBe(18);
      expect(r.utilization).toBeCloseTo(120 / (12 * 18), 12);
    });

    it('folds a 9 × 6 stationary tile both ways: ⌈9/4⌉ · ⌈6/3⌉ = 3 · 2 = 6 folds × 18 = 108 cycles', () => {
      const r = systolicGemmCycles(folded, p);
      expect(r.folds).toBe(6);
      expect(r.cycles).toBe(108);
      expect(r.utilization).toBeCloseTo(540 / (12 * 108), 12);
    });

    it('adds a 4-cycle stationary swap per fold without double buffering: 6 · (4 + 18) = 132 cycles', () => {
      expect(systolicGemmCycles(folded, array4x3(dataflow, false)).cycles).toBe(132);
    });
  });

  it('runs sub-batches of M as GEMMs of their own', () => {
    // ws, 10×4×3 in sub-batches of 4: 4 + 4 + 2 queries, one fold each: 2 · (5 + 4 + 3) + (5 + 2 + 3) = 34.
    const ws = systolicGemmCycles(gemm(10, 4, 3), array4x3('ws'), 4);
    expect([ws.cycles, ws.folds, ws.subBatches]).toEqual([34, 3, 3]);
    // os, 10×4×3 whole: ⌈10/4⌉ = 3 folds × (5 + K 4 + 3) = 36; in sub-batches of 5 each needs ⌈5/4⌉ = 2 folds:
    // 2 · 2 · 12 = 48 (a sub-batch that is not a multiple of the rows wastes part of a fold per sub-batch).
    expect(systolicGemmCycles(gemm(10, 4, 3), array4x3('os')).cycles).toBe(36);
    expect(systolicGemmCycles(gemm(10, 4, 3), array4x3('os'), 5).cycles).toBe(48);
  });

  it("is SCALE-Sim's per-fold 2R + C + T − 2, plus 2, when nothing is hidden and the overhead is 0", () => {
    // R = 4, C = 3, T = 10: SCALE-Sim 8 + 3 + 10 − 2 = 19; here swap 4 + fill 4 + 10 + drain 3 = 21.
    const p = { ...array4x3('ws', false), passOverheadCycles: 0 };
    expect(foldCycles(10, p)).toBe(21);
    expect(foldCycles(10, p) - (2 * 4 + 3 + 10 - 2)).toBe(2);
  });
});

describe("NeRF's five GEMMs at batch 4096 on the shipped NFP", () => {
  const cfg = ngpcConfigByName('ngpc-8');
  const nerf = [shape(32, [64], 16), shape(32, [64, 64], 16)];
  const withDataflow = (dataflow: Dataflow): MlpEngineParams => ({ ...mlpEngineParams(cfg), dataflow });

  it('keeps 23,080 cycles under ws, the shipped dataflow, and when the config names none', () => {
    expect(cfg.mlp.dataflow?.value).toBe('ws');
    expect(mlpBatchCycles(nerf, 4096, mlpEngineParams(cfg)).cycles).toBe(23_080);
    const { dataflow: _, ...mlpWithout } = cfg.mlp;
    expect(mlpEngineParams({ ...cfg, mlp: mlpWithout }).dataflow).toBe('ws');
    expect(mlpBatchCycles(nerf, 4096, withDataflow('ws')).cycles).toBe(23_080);
  });

  it('takes more cycles under os and is: 57,984 and 55,936 (2.51× and 2.42× ws)', () => {
    // os: per sub-batch of 1024 queries, ⌈1024/64⌉ · ⌈N/64⌉ = 16 folds streaming K; 4 sub-batches → 64 folds a layer:
    //   K = 32 layers: 64 · (66 + 32 + 64) = 10,368 (×2); K = 64 layers: 64 · (66 + 64 + 64) = 12,416 (×3).
    const os = mlpBatchCycles(nerf, 4096, withDataflow('os'));
    expect(os.cycles).toBe(2 * 10_368 + 3 * 12_416);
    expect(os.folds).toBe(5 * 64);
    // is: ⌈K/64⌉ · ⌈1024/64⌉ = 16 folds streaming N per sub-batch → 64 a layer:
    //   N = 64 layers: 64 · (66 + 64 + 64) = 12,416 (×3); N = 16 layers: 64 · (66 + 16 + 64) = 9,344 (×2).
    const is = mlpBatchCycles(nerf, 4096, withDataflow('is'));
    expect(is.cycles).toBe(3 * 12_416 + 2 * 9_344);
    expect(os.cycles / 23_080).toBeCloseTo(2.512, 3);
    expect(is.cycles / 23_080).toBeCloseTo(2.424, 3);
  });

  it('gives the same cycles through mlpEngineGemmCycles on the five GEMMs', () => {
    const gemms = [
      gemm(4096, 32, 64),
      gemm(4096, 64, 16),
      gemm(4096, 32, 64),
      gemm(4096, 64, 64),
      gemm(4096, 64, 16),
    ];
    for (const [dataflow, cycles] of [
      ['ws', 23_080],
      ['os', 57_984],
      ['is', 55_936],
    ] as const) {
      const r = mlpEngineGemmCycles(gemms, withDataflow(dataflow));
      expect(r.subBatchQueries).toBe(1024);
      expect(r.totalCycles).toBe(cycles);
    }
  });
});
