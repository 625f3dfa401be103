// GIA model and training defaults, sized for a software adapter (instant-ngp configs/image/base.json otherwise).
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import type { MlpSpec } from '../../mlp/mlpConfig.ts';
import { type AdamSpec, instantNgpAdam } from '../../train/adam.ts';
import { FIELD_BASE_RESOLUTION, fieldGridSpec, fieldMlpSpec } from '../shared/fieldSpec.ts';

/**
 * Hash grid L16 F2 N_min 16, b from instant-ngp's desired resolution max(w,h)/2 (docs/sources.md#kernels-2-2, docs/sources.md#kernels-7). Deviation:
 * log2 T = 18 instead of 24, so Adam and the scatter touch 4× fewer entries per step on lavapipe; up to a 1024-px
 * image every level still fits its table (finest 512² = 2^18), so nothing is hashed and quality is unchanged there.
 */
export function giaGridSpec(widthPx: number, heightPx: number, log2HashmapSize = 18): GridEncodingSpec {
  return fieldGridSpec({
    nDims: 2,
    nLevels: 16,
    log2HashmapSize,
    desiredResolution: Math.max(FIELD_BASE_RESOLUTION * 1.0001, Math.max(widthPx, heightPx) / 2),
    file: 'gia encoding',
  });
}

/** instant-ngp's image network: 32 → [64 × 2] → 3 (padded to 16), ReLU, no output activation (docs/sources.md#kernels-2-1). */
export function giaMlpSpec(nInputDims: number): MlpSpec {
  return fieldMlpSpec(nInputDims, 3, 'None');
}

/** Adam lr 1e-2, decay from step 20000 every 10000 by 0.33, no EMA (docs/sources.md#kernels-2-1, GIA row). */
export function giaAdamSpec(): AdamSpec {
  return instantNgpAdam(1e-2, 20000, 10000, null);
}

/** Points per training step (instant-ngp uses 2^18; 2^16 keeps a step near a second on 2 lavapipe cores). */
export const GIA_DEFAULT_BATCH = 1 << 16;
