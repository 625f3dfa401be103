// Spherical-harmonics encoding shapes shared by the CPU reference and the GPU wrapper (docs/sources.md#kernels-4).
import { invariant } from '../errors.ts';
import type { ShEncodingSpec } from './encodingConfig.ts';

/**
 * Shapes (row-major f32): directions N × 3 in instant-ngp's [0,1]³ convention ((d + 1)/2, `warp_direction`),
 * mapped back with x = 2·in − 1 and not renormalised (as tcnn); output N × degree², order l = 0.., m = −l..l.
 */
export function shBatchSize(directions: Float32Array): number {
  invariant(directions.length % 3 === 0, `directions length ${directions.length} is not a multiple of 3`);
  return directions.length / 3;
}

export function shOutputWidth(spec: ShEncodingSpec): number {
  return spec.degree * spec.degree;
}
