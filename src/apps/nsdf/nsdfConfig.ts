// NSDF model and training defaults, sized for a software adapter (instant-ngp configs/sdf/base.json otherwise).
import { gridSpecFromJson, instantNgpPerLevelScale } from '../../encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import type { MlpSpec } from '../../mlp/mlpConfig.ts';
import { type AdamSpec, instantNgpAdam } from '../../train/adam.ts';

/**
 * Hash grid L16 F2 N_min 16 (kernels.md §2.1, NSDF row). Deviations: log2 T = 17 (not 19) and a finest resolution
 * of 256, so a step stays near a second on 2 lavapipe cores.
 */
export function nsdfGridSpec(log2HashmapSize = 17, finestResolution = 256, nLevels = 16): GridEncodingSpec {
  return gridSpecFromJson(
    {
      otype: 'HashGrid',
      n_levels: nLevels,
      n_features_per_level: 2,
      log2_hashmap_size: log2HashmapSize,
      base_resolution: 16,
      per_level_scale: instantNgpPerLevelScale(finestResolution, 16, nLevels),
    },
    3,
    'nsdf encoding',
  ) as GridEncodingSpec;
}

/** instant-ngp's SDF network: 32 → [64 × 2] → 1 (padded to 16), ReLU, no output activation. */
export function nsdfMlpSpec(nInputDims: number): MlpSpec {
  return {
    otype: 'FullyFusedMLP',
    nInputDims,
    nOutputDims: 1,
    nNeurons: 64,
    nHiddenLayers: 2,
    activation: 'ReLU',
    outputActivation: 'None',
  };
}

/** Deviation: lr 5e-3 (instant-ngp: 1e-4 over ~10⁴ steps), decay from step 300 every 150 by 0.33; EMA 0.95. */
export function nsdfAdamSpec(): AdamSpec {
  return instantNgpAdam(5e-3, 300, 150, 0.95);
}
