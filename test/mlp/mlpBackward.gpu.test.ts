import { describe, expect, it } from 'vitest';
import { mlpBackwardCpu, mlpForwardCpu } from '../../src/mlp/mlp.cpu.ts';
import { MlpGpu } from '../../src/mlp/mlp.gpu.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';
import { dot, mlpSpec, normwiseError, randomArray } from './helpers.ts';

const N_ROWS = 300;

describe.skipIf(!gpu)('fused MLP backward on the GPU', () => {
  for (const width of [16, 64] as const) {
    const layout = mlpLayout(
      mlpSpec({ nNeurons: width, activation: 'Sigmoid', outputActivation: 'Exponential' }),
    );
    const params = initMlpParams(layout, 21);
    const inputs = randomArray(N_ROWS * 19, 22);
    const dLdy = randomArray(N_ROWS * 5, 23);

    it(`width ${width}: dL/dW and dL/dx match the CPU reference within 1e-5 (normwise relative)`, async () => {
      const mlp = new MlpGpu(requireGpu(), layout);
      mlp.setParams(params);
      const got = await mlp.backward(inputs, dLdy);
      const again = await mlp.backward(inputs, dLdy);
      mlp.destroy();
      const want = mlpBackwardCpu(layout, params, mlpForwardCpu(layout, params, inputs), dLdy);
      expect(normwiseError(got.dParams, want.dParams)).toBeLessThan(1e-5);
      expect(normwiseError(got.dInputs, want.dInputs)).toBeLessThan(1e-5);
      // Deterministic reduction: bit-identical on a rerun.
      expect(again.dParams).toEqual(got.dParams);
    });

    it(`width ${width}: adjoint test ⟨J·v, u⟩ = ⟨v, Jᵀ·u⟩ for inputs and weights`, async () => {
      const mlp = new MlpGpu(requireGpu(), layout);
      mlp.setParams(params);
      const u = dLdy;
      const jt = await mlp.backward(inputs, u);
      mlp.destroy();
      // J·v by central differences of the f64 CPU forward along v (the GPU supplies only Jᵀ·u).
      const h = 1e-4;
      const along = (p: ArrayLike<number>, x: ArrayLike<number>) =>
        dot(mlpForwardCpu(layout, p, x).outputs, u);
      const vx = randomArray(inputs.length, 24);
      const xPlus = Float64Array.from(inputs, (x, i) => x + h * vx[i]!);
      const xMinus = Float64Array.from(inputs, (x, i) => x - h * vx[i]!);
      const jvx = (along(params, xPlus) - along(params, xMinus)) / (2 * h);
      expect(dot(vx, jt.dInputs)).toBeCloseTo(jvx, 3);
      expect(Math.abs(dot(vx, jt.dInputs) - jvx) / Math.abs(jvx)).toBeLessThan(1e-4);
      const vw = randomArray(params.length, 25);
      const wPlus = Float64Array.from(params, (w, i) => w + h * vw[i]!);
      const wMinus = Float64Array.from(params, (w, i) => w - h * vw[i]!);
      const jvw = (along(wPlus, inputs) - along(wMinus, inputs)) / (2 * h);
      expect(Math.abs(dot(vw, jt.dParams) - jvw) / Math.abs(jvw)).toBeLessThan(1e-4);
    });
  }
});
