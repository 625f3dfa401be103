// NSDF model and training defaults, sized for a software adapter (instant-ngp configs/sdf/base.json otherwise).
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import type { MlpSpec } from '../../mlp/mlpConfig.ts';
import { type AdamSpec, instantNgpAdam } from '../../train/adam.ts';
import { fieldGridSpec, fieldMlpSpec } from '../shared/fieldSpec.ts';

/**
 * Hash grid L16 F2 N_min 16 (docs/sources.md#kernels-2-1, NSDF row). Deviations: log2 T = 17 (not 19) and a finest resolution
 * of 256, so a step stays near a second on 2 lavapipe cores.
 */
export function nsdfGridSpec(log2HashmapSize = 17, finestResolution = 256, nLevels = 16): GridEncodingSpec {
  return fieldGridSpec({
    nDims: 3,
    nLevels,
    log2HashmapSize,
    desiredResolution: finestResolution,
    file: 'nsdf encoding',
  });
}

/** instant-ngp's SDF network: 32 → [64 × 2] → 1 (padded to 16), ReLU, no output activation. */
export function nsdfMlpSpec(nInputDims: number): MlpSpec {
  return fieldMlpSpec(nInputDims, 1, 'None');
}

/** Deviation: lr 5e-3 (instant-ngp: 1e-4 over ~10⁴ steps), decay from step 300 every 150 by 0.33; EMA 0.95. */
export function nsdfAdamSpec(): AdamSpec {
  return instantNgpAdam(5e-3, 300, 150, 0.95);
}
