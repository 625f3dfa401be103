import { describe, expect, it } from 'vitest';
import { encodeGridCpu } from '../../src/encoding/gridEncoding.cpu.ts';
import { levelLayout } from '../../src/encoding/gridLayout.ts';
import { EncodeMlpGpu } from '../../src/mlp/encodeMlp.gpu.ts';
import { mlpForwardCpu } from '../../src/mlp/mlp.cpu.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';
import { mlpSpec, normwiseError, randomArray } from './helpers.ts';

describe.skipIf(!gpu)('fused grid encoding + MLP (one dispatch)', () => {
  it('equals the two-dispatch version and the CPU reference', async () => {
    const ctx = requireGpu();
    // Small hash grid: 8 levels × F=2 = 16 features, coarse levels dense, fine levels hashed (2^12 entries).
    const grid = levelLayout({
      otype: 'HashGrid',
      type: 'Hash',
      nDims: 3,
      nLevels: 8,
      nFeaturesPerLevel: 2,
      log2HashmapSize: 12,
      baseResolution: 4,
      perLevelScale: 1.5,
      interpolation: 'Linear',
    });
    expect(grid.levels.some((l) => l.hashed)).toBe(true);
    const mlp = mlpLayout(mlpSpec({ nInputDims: 16, nOutputDims: 3, nNeurons: 32, nHiddenLayers: 1 }));
    const gridParams = randomArray(grid.nParams, 31, -0.5, 0.5);
    const mlpParams = initMlpParams(mlp, 32);
    const positions = randomArray(700 * 3, 33, 0, 1);
    const fused = new EncodeMlpGpu(ctx, grid, mlp);
    fused.setParams(gridParams, mlpParams);
    const one = await fused.run(positions, 'fused');
    const two = await fused.run(positions, 'twoDispatch');
    fused.destroy();
    // Same per-level encode function, same tile matmul: identical arithmetic, so identical bits.
    expect(one).toEqual(two);
    const want = mlpForwardCpu(mlp, mlpParams, encodeGridCpu(grid, gridParams, positions)).outputs;
    expect(normwiseError(one, want)).toBeLessThan(1e-5);
  });
});
