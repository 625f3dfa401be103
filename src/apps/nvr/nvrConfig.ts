// NVR model and training defaults, sized for a software adapter (instant-ngp configs/volume/base.json otherwise).
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import type { MlpSpec } from '../../mlp/mlpConfig.ts';
import { type AdamSpec, instantNgpAdam } from '../../train/adam.ts';
import { FIELD_BASE_RESOLUTION, fieldGridSpec, fieldMlpSpec } from '../shared/fieldSpec.ts';

/**
 * Hash grid L16 F2 log2T 19 N_min 16 (docs/sources.md#kernels-2-1, NVR row); the finest level matches the voxel grid
 * (desired resolution = the largest volume side), so a 64³ volume is stored densely at every level.
 */
export function nvrGridSpec(maxSideVoxels: number, log2HashmapSize = 19, nLevels = 16): GridEncodingSpec {
  return fieldGridSpec({
    nDims: 3,
    nLevels,
    log2HashmapSize,
    desiredResolution: Math.max(FIELD_BASE_RESOLUTION * 1.0001, maxSideVoxels),
    file: 'nvr encoding',
  });
}

/** instant-ngp's volume network: 32 → [64 × 2] → 4 (albedo RGB, density), ReLU hidden and output. */
export function nvrMlpSpec(nInputDims: number): MlpSpec {
  return fieldMlpSpec(nInputDims, 4, 'ReLU');
}

/**
 * Deviation: lr 1e-2 (instant-ngp NVR uses 1e-4 over ~10⁵ steps; ngpc trains a few hundred steps on a software
 * adapter), decay from step 300 every 150 by 0.33, EMA 0.95 for inference as instant-ngp.
 */
export function nvrAdamSpec(): AdamSpec {
  return instantNgpAdam(1e-2, 300, 150, 0.95);
}
