// GIA model and training defaults, sized for a software adapter (instant-ngp configs/image/base.json otherwise).
import { gridSpecFromJson, instantNgpPerLevelScale } from '../../encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import type { MlpSpec } from '../../mlp/mlpConfig.ts';
import { type AdamSpec, instantNgpAdam } from '../../train/adam.ts';

/**
 * Hash grid L16 F2 N_min 16, b from instant-ngp's desired resolution max(w,h)/2 (kernels.md §2.2, §7). Deviation:
 * log2 T = 18 instead of 24, so Adam and the scatter touch 4× fewer entries per step on lavapipe; up to a 1024-px
 * image every level still fits its table (finest 512² = 2^18), so nothing is hashed and quality is unchanged there.
 */
export function giaGridSpec(widthPx: number, heightPx: number, log2HashmapSize = 18): GridEncodingSpec {
  const nLevels = 16;
  const desired = Math.max(16 * 1.0001, Math.max(widthPx, heightPx) / 2);
  return gridSpecFromJson(
    {
      otype: 'HashGrid',
      n_levels: nLevels,
      n_features_per_level: 2,
      log2_hashmap_size: log2HashmapSize,
      base_resolution: 16,
      per_level_scale: instantNgpPerLevelScale(desired, 16, nLevels),
    },
    2,
    'gia encoding',
  ) as GridEncodingSpec;
}

/** instant-ngp's image network: 32 → [64 × 2] → 3 (padded to 16), ReLU, no output activation (kernels.md §2.1). */
export function giaMlpSpec(nInputDims: number): MlpSpec {
  return {
    otype: 'FullyFusedMLP',
    nInputDims,
    nOutputDims: 3,
    nNeurons: 64,
    nHiddenLayers: 2,
    activation: 'ReLU',
    outputActivation: 'None',
  };
}

/** Adam lr 1e-2, decay from step 20000 every 10000 by 0.33, no EMA (kernels.md §2.1, GIA row). */
export function giaAdamSpec(): AdamSpec {
  return instantNgpAdam(1e-2, 20000, 10000, null);
}

/** Points per training step (instant-ngp uses 2^18; 2^16 keeps a step near a second on 2 lavapipe cores). */
export const GIA_DEFAULT_BATCH = 1 << 16;
