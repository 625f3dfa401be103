// Grid-encoding batch shapes shared by the CPU reference and the GPU wrapper: checks, interpolation weights, init.
import { invariant, NgpcInputError } from '../errors.ts';
import type { Interpolation, LevelLayout } from './gridLayout.ts';
import type { Rng } from './rng.ts';

/**
 * Shapes (row-major f32):
 * - positions: N × D, each coordinate nominally in [0, 1] (tcnn's convention; outside values wrap as in tcnn);
 * - params: tcnn layout, entry-major with F adjacent features, `layout.nParams` values;
 * - encoded / dL/dy: N × (L·F), level-major within a row (`[i][l·F + f]`);
 * - dL/dx: N × D.
 */
export function gridBatchSize(layout: LevelLayout, positions: Float32Array): number {
  const nDims = layout.spec.nDims;
  invariant(
    positions.length % nDims === 0,
    `positions length ${positions.length} is not a multiple of ${nDims}`,
  );
  return positions.length / nDims;
}

/** Output width of the encoding: L·F features per point. */
export function gridOutputWidth(layout: LevelLayout): number {
  return layout.spec.nLevels * layout.spec.nFeaturesPerLevel;
}

/** Checks a parameter array against the level table (bad user input, e.g. a --params file, is NgpcInputError). */
export function checkGridParams(layout: LevelLayout, params: Float32Array, what = 'params'): void {
  if (params.length !== layout.nParams) {
    throw new NgpcInputError(
      `${what}: has ${params.length} values, expected ${layout.nParams} (${layout.totalEntries} entries × ${layout.spec.nFeaturesPerLevel} features)`,
    );
  }
}

/** Checks a dL/dy array: N × (L·F). */
export function checkGridOutputGrad(layout: LevelLayout, nPoints: number, dLdy: Float32Array): void {
  invariant(
    dLdy.length === nPoints * gridOutputWidth(layout),
    `dL/dy has ${dLdy.length} values for ${nPoints} points`,
  );
}

/**
 * Interpolation weight w(t) and its derivative dw/dt along one axis (tcnn common_device.h `smoothstep`,
 * docs/sources.md#kernels-1-2). Nearest has w = t too, but only the floor corner is read and its gradient is zero.
 */
export function interpolationWeight(interpolation: Interpolation, t: number): [number, number] {
  if (interpolation === 'Smoothstep') return [t * t * (3 - 2 * t), 6 * t * (1 - t)];
  return [t, 1];
}

/** WGSL code of an interpolation mode (the `INTERPOLATION` constant). */
export const INTERPOLATION_CODE: Readonly<Record<Interpolation, number>> = {
  Linear: 0,
  Nearest: 1,
  Smoothstep: 2,
};

/** tcnn's grid init (`initialize_params`, docs/sources.md#kernels-1-7): uniform in [−1e-4, 1e-4], from a seeded RNG. */
export function initGridParams(layout: LevelLayout, rng: Rng, scale = 1e-4): Float32Array {
  const params = new Float32Array(layout.nParams);
  for (let i = 0; i < params.length; i++) params[i] = rng.uniform(-scale, scale);
  return params;
}
