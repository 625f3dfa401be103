// Seeded Xavier-uniform initialisation of MLP weights, per matrix as tiny-cuda-nn does (docs/sources.md#kernels-3-1).
import { seededRng } from '../encoding/rng.ts';
import type { MlpLayout } from './mlpLayout.ts';

/**
 * Xavier-uniform weights: each matrix U(−s, s) with s = sqrt(6 / (fan_in + fan_out)) from its own (padded) dims,
 * as tcnn `Network::initialize_params` / `xavier_uniform`. Deterministic: the same seed gives the same weights.
 * (SIREN init for Sine does not apply: Sine is not an ngpc activation.)
 */
export function initMlpParams(layout: MlpLayout, seed = 1337): Float32Array {
  const params = new Float32Array(layout.nParams);
  const rng = seededRng(seed);
  for (const m of layout.matrices) {
    const s = Math.sqrt(6 / (m.rows + m.cols));
    for (let i = 0; i < m.nParams; i++) params[m.offset + i] = rng.uniform(-s, s);
  }
  return params;
}
