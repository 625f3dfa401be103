// MLP engine: hand-computed tile passes × (batch + fill + drain) on a weight-stationary array.
import { describe, expect, it } from 'vitest';
import {
  layerTilePasses,
  type MlpEngineParams,
  mlpBatchCycles,
  mlpEngineParams,
  mlpLayerDims,
  mlpSubBatchQueries,
  ngpcConfigByName,
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
