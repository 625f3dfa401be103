// NVR model and training defaults, sized for a software adapter (instant-ngp configs/volume/base.json otherwise).
import { gridSpecFromJson, instantNgpPerLevelScale } from '../../encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import type { MlpSpec } from '../../mlp/mlpConfig.ts';
import { type AdamSpec, instantNgpAdam } from '../../train/adam.ts';

/**
 * Hash grid L16 F2 log2T 19 N_min 16 (kernels.md §2.1, NVR row); the finest level matches the voxel grid
 * (desired resolution = the largest volume side), so a 64³ volume is stored densely at every level.
 */
export function nvrGridSpec(maxSideVoxels: number, log2HashmapSize = 19, nLevels = 16): GridEncodingSpec {
  const desired = Math.max(16 * 1.0001, maxSideVoxels);
  return gridSpecFromJson(
    {
      otype: 'HashGrid',
      n_levels: nLevels,
      n_features_per_level: 2,
      log2_hashmap_size: log2HashmapSize,
      base_resolution: 16,
      per_level_scale: instantNgpPerLevelScale(desired, 16, nLevels),
    },
    3,
    'nvr encoding',
  ) as GridEncodingSpec;
}

/** instant-ngp's volume network: 32 → [64 × 2] → 4 (albedo RGB, density), ReLU hidden and output. */
export function nvrMlpSpec(nInputDims: number): MlpSpec {
  return {
    otype: 'FullyFusedMLP',
    nInputDims,
    nOutputDims: 4,
    nNeurons: 64,
    nHiddenLayers: 2,
    activation: 'ReLU',
    outputActivation: 'ReLU',
  };
}

/**
 * Deviation: lr 1e-2 (instant-ngp NVR uses 1e-4 over ~10⁵ steps; ngpc trains a few hundred steps on a software
 * adapter), decay from step 300 every 150 by 0.33, EMA 0.95 for inference as instant-ngp.
 */
export function nvrAdamSpec(): AdamSpec {
  return instantNgpAdam(1e-2, 300, 150, 0.95);
}
