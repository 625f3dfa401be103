import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/encoding/rng.ts';
import { mlpBackwardCpu, mlpForwardCpu } from '../../src/mlp/mlp.cpu.ts';
import type { MlpActivation, MlpSpec } from '../../src/mlp/mlpConfig.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';

function spec(partial: Partial<MlpSpec>): MlpSpec {
  return {
    otype: 'FullyFusedMLP',
    nInputDims: 3,
    nOutputDims: 2,
    nNeurons: 16,
    nHiddenLayers: 1,
    activation: 'ReLU',
    outputActivation: 'None',
    ...partial,
  };
}

function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(-scale, scale));
}

describe('MLP CPU reference', () => {
  it('matches a hand-computed network (one non-zero weight path, no biases)', () => {
    const layout = mlpLayout(spec({}));
    const params = new Float32Array(layout.nParams);
    const [w0, w1] = layout.matrices;
    // h0 = relu(2·x0 − x1), h1 = relu(x2); y0 = 3·h0 − h1, y1 = h1.
    params[w0!.offset + 0 * 16 + 0] = 2;
    params[w0!.offset + 0 * 16 + 1] = -1;
    params[w0!.offset + 1 * 16 + 2] = 1;
    params[w1!.offset + 0 * 16 + 0] = 3;
    params[w1!.offset + 0 * 16 + 1] = -1;
    params[w1!.offset + 1 * 16 + 1] = 1;
    const out = mlpForwardCpu(layout, params, Float32Array.of(1, 0.5, 2, 0, 1, -1)).outputs;
    // row 0: h0 = relu(1.5) = 1.5, h1 = 2 → y = (4.5 − 2, 2); row 1: h0 = relu(−1) = 0, h1 = relu(−1) = 0.
    expect(Array.from(out)).toEqual([2.5, 2, 0, 0]);
  });

  it('applies the output activation to every output', () => {
    const layout = mlpLayout(spec({ outputActivation: 'Sigmoid' }));
    const params = new Float32Array(layout.nParams); // all zero → pre-activation 0 → sigmoid 0.5
    expect(Array.from(mlpForwardCpu(layout, params, new Float32Array(6)).outputs)).toEqual([
      0.5, 0.5, 0.5, 0.5,
    ]);
  });

  it('is linear in the inputs when every activation is None (property)', () => {
    const layout = mlpLayout(spec({ activation: 'None', nHiddenLayers: 2 }));
    const params = initMlpParams(layout, 3);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        (seed, alpha) => {
          const a = randomArray(6, seed);
          const b = randomArray(6, seed + 1);
          const mix = a.map((v, i) => v + alpha * b[i]!);
          const fa = mlpForwardCpu(layout, params, a).outputs;
          const fb = mlpForwardCpu(layout, params, b).outputs;
          const fm = mlpForwardCpu(layout, params, mix).outputs;
          for (const [i, v] of fm.entries()) expect(v).toBeCloseTo(fa[i]! + alpha * fb[i]!, 4);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('is positively homogeneous with ReLU (f(c·x) = c·f(x), c > 0) (property)', () => {
    const layout = mlpLayout(spec({ nHiddenLayers: 3 }));
    const params = initMlpParams(layout, 4);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: 0.01, max: 8, noNaN: true }),
        (seed, c) => {
          const x = randomArray(9, seed);
          const fx = mlpForwardCpu(layout, params, x).outputs;
          const fcx = mlpForwardCpu(
            layout,
            params,
            x.map((v) => v * c),
          ).outputs;
          for (const [i, v] of fcx.entries()) expect(v).toBeCloseTo(c * fx[i]!, 3);
        },
      ),
      { numRuns: 50 },
    );
  });

  it.each(['None', 'ReLU', 'Sigmoid', 'Exponential'] as MlpActivation[])(
    'backward matches central finite differences (output activation %s)',
    (outputActivation) => {
      const layout = mlpLayout(spec({ activation: 'Sigmoid', outputActivation, nHiddenLayers: 2 }));
      const params = Float64Array.from(initMlpParams(layout, 5));
      const x = Float64Array.from(randomArray(3 * 4, 6));
      const u = Float64Array.from(randomArray(2 * 4, 7));
      const loss = (p: ArrayLike<number>, inp: ArrayLike<number>) =>
        mlpForwardCpu(layout, p, inp).outputs.reduce((s, v, i) => s + v * u[i]!, 0);
      const grads = mlpBackwardCpu(layout, params, mlpForwardCpu(layout, params, x), u);
      const h = 1e-5;
      for (const idx of [0, 17, 300, layout.matrices[2]!.offset + 5, layout.matrices[2]!.offset + 16 + 3]) {
        const plus = params.slice();
        const minus = params.slice();
        plus[idx]! += h;
        minus[idx]! -= h;
        expect(grads.dParams[idx]).toBeCloseTo((loss(plus, x) - loss(minus, x)) / (2 * h), 6);
      }
      for (let idx = 0; idx < x.length; idx++) {
        const plus = x.slice();
        const minus = x.slice();
        plus[idx]! += h;
        minus[idx]! -= h;
        expect(grads.dInputs[idx]).toBeCloseTo((loss(params, plus) - loss(params, minus)) / (2 * h), 6);
      }
    },
  );

  it('gives padded output rows zero gradient', () => {
    const layout = mlpLayout(spec({}));
    const params = initMlpParams(layout, 8);
    const x = randomArray(3 * 5, 9);
    const g = mlpBackwardCpu(layout, params, mlpForwardCpu(layout, params, x), randomArray(2 * 5, 10));
    const out = layout.matrices[1]!;
    for (let o = 2; o < 16; o++) {
      for (let i = 0; i < out.cols; i++) expect(g.dParams[out.offset + o * out.cols + i]).toBe(0);
    }
  });
});
