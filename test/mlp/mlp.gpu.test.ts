import { describe, expect, it } from 'vitest';
import { mlpForwardCpu } from '../../src/mlp/mlp.cpu.ts';
import { MlpGpu } from '../../src/mlp/mlp.gpu.ts';
import { MLP_ACTIVATIONS, MLP_WIDTHS } from '../../src/mlp/mlpConfig.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';
import { mlpSpec, normwiseError, randomArray } from './helpers.ts';

// 300 rows: not a multiple of any tile, so the last workgroup's bounds checks are exercised.
const N_ROWS = 300;

describe.skipIf(!gpu)('fused MLP forward on the GPU vs the CPU reference', () => {
  for (const width of MLP_WIDTHS) {
    it(`width ${width}, f32: every output activation within 1e-5 (normwise relative)`, async () => {
      const ctx = requireGpu();
      // 19 inputs (padded to 32) and 5 outputs (padded to 16) exercise both paddings.
      const base = mlpLayout(mlpSpec({ nNeurons: width }));
      const params = initMlpParams(base, width);
      const inputs = randomArray(N_ROWS * 19, width + 1);
      for (const outputActivation of MLP_ACTIVATIONS) {
        // The activations are runtime uniforms: the same pipeline serves all of them.
        const layout = mlpLayout(
          mlpSpec({ nNeurons: width, outputActivation, activation: width === 32 ? 'Sigmoid' : 'ReLU' }),
        );
        const mlp = new MlpGpu(ctx, layout);
        mlp.setParams(params);
        const got = await mlp.forward(inputs);
        mlp.destroy();
        const want = mlpForwardCpu(layout, params, inputs).outputs;
        // f32 dot products of ≤ 128 terms: a few ulps of the output scale.
        expect(normwiseError(got, want), outputActivation).toBeLessThan(1e-5);
      }
    });
  }

  for (const width of [32, 128] as const) {
    it(`width ${width}, f16 operands: within 1e-2 (normwise relative)`, async () => {
      const ctx = requireGpu();
      const layout = mlpLayout(mlpSpec({ nNeurons: width, outputActivation: 'Sigmoid' }));
      const params = initMlpParams(layout, 11);
      const inputs = randomArray(N_ROWS * 19, 12);
      const mlp = new MlpGpu(ctx, layout, { precision: 'f16' });
      mlp.setParams(params);
      const got = await mlp.forward(inputs);
      mlp.destroy();
      const want = mlpForwardCpu(layout, params, inputs).outputs;
      // Weights and activations rounded to f16 (2^-11 relative) per layer, f32 accumulation (docs/sources.md#kernels-12-2).
      const err = normwiseError(got, want);
      expect(err).toBeLessThan(1e-2);
      // It really is the f16 path: the f32 path is within 1e-5 (above); f16 operands give ~1e-4 (1.4–2e-4 seen).
      expect(err).toBeGreaterThan(1e-5);
    });
  }

  it('plans its tile from maxComputeWorkgroupStorageSize and runs a smaller budget the same', async () => {
    const ctx = requireGpu();
    const layout = mlpLayout(mlpSpec({ nNeurons: 64, nInputDims: 3, nOutputDims: 1 }));
    const params = initMlpParams(layout, 13);
    const inputs = randomArray(N_ROWS * 3, 14);
    const full = new MlpGpu(ctx, layout);
    expect(full.forwardPlan.totalBytes).toBeLessThanOrEqual(ctx.limits.maxComputeWorkgroupStorageSize);
    const small = new MlpGpu(ctx, layout, { workgroupBytes: 16384 });
    expect(small.forwardPlan.tileRows).toBeLessThan(full.forwardPlan.tileRows);
    small.setParams(params);
    const got = await small.forward(inputs);
    small.destroy();
    full.destroy();
    expect(normwiseError(got, mlpForwardCpu(layout, params, inputs).outputs)).toBeLessThan(1e-5);
  });
});
