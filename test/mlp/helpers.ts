// Shared helpers of the MLP tests: seeded data and normwise relative error.

import { seededRng } from '../../src/encoding/rng.ts';
import type { MlpSpec } from '../../src/mlp/mlpConfig.ts';

export function mlpSpec(partial: Partial<MlpSpec>): MlpSpec {
  return {
    otype: 'FullyFusedMLP',
    nInputDims: 19,
    nOutputDims: 5,
    nNeurons: 64,
    nHiddenLayers: 2,
    activation: 'ReLU',
    outputActivation: 'None',
    ...partial,
  };
}

export function randomArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(lo, hi));
}

/**
 * max |got − want| / max |want|: normwise relative error. Element-wise relative error is meaningless where outputs
 * cross zero (cancellation in the dot products), so the error is measured against the output's scale.
 */
export function normwiseError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Number.POSITIVE_INFINITY;
  let err = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    err = Math.max(err, Math.abs(got[i]! - want[i]!));
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  return err / Math.max(scale, 1e-30);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
