// The field shape GIA, NVR and NSDF share: instant-ngp's F2 N_min 16 hash grid and its 64 × 2 ReLU network.
import { gridSpecFromJson, instantNgpPerLevelScale } from '../../encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import type { MlpSpec } from '../../mlp/mlpConfig.ts';

/** Coarsest grid resolution of every field app (instant-ngp base_resolution; docs/sources.md#kernels-2-1). */
export const FIELD_BASE_RESOLUTION = 16;

/**
 * Hash grid with 2 features per level and N_min 16, its per-level scale set by instant-ngp's rule so the finest
 * level reaches `desiredResolution` (docs/sources.md#kernels-2-2). `file` names the spec in validation errors.
 */
export function fieldGridSpec(o: {
  nDims: number;
  nLevels: number;
  log2HashmapSize: number;
  desiredResolution: number;
  file: string;
}): GridEncodingSpec {
  return gridSpecFromJson(
    {
      otype: 'HashGrid',
      n_levels: o.nLevels,
      n_features_per_level: 2,
      log2_hashmap_size: o.log2HashmapSize,
      base_resolution: FIELD_BASE_RESOLUTION,
      per_level_scale: instantNgpPerLevelScale(o.desiredResolution, FIELD_BASE_RESOLUTION, o.nLevels),
    },
    o.nDims,
    o.file,
  ) as GridEncodingSpec;
}

/** instant-ngp's field network: nInputDims → [64 × 2] → nOutputDims, ReLU hidden (docs/sources.md#kernels-2-1). */
export function fieldMlpSpec(
  nInputDims: number,
  nOutputDims: number,
  outputActivation: MlpSpec['outputActivation'],
): MlpSpec {
  return {
    otype: 'FullyFusedMLP',
    nInputDims,
    nOutputDims,
    nNeurons: 64,
    nHiddenLayers: 2,
    activation: 'ReLU',
    outputActivation,
  };
}
