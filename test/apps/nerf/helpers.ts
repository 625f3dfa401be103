// Tiny NeRF scenes for tests: a small hash grid, a lively random network and an analytic occupancy bitfield.
import { lookAtPose, type NerfCamera } from '../../../src/apps/nerf/camera.ts';
import {
  initNerfParams,
  type NerfNetworkSpec,
  type NerfParams,
  nerfNetworkSpec,
} from '../../../src/apps/nerf/nerfNetwork.ts';
import type { NerfScene } from '../../../src/apps/nerf/nerfRender.cpu.ts';
import {
  buildBitfield,
  densityGridFromPredicate,
  type OccupancySpec,
} from '../../../src/apps/nerf/occupancyGrid.ts';
import { NERF_MARCH_DEFAULT } from '../../../src/apps/nerf/raymarch.ts';
import { sceneOccupiedAt, syntheticScene } from '../../../src/apps/nerf/syntheticScene.ts';
import { encodingFromJson } from '../../../src/encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../../../src/encoding/gridLayout.ts';
import { seededRng } from '../../../src/encoding/rng.ts';
import { mlpLayout } from '../../../src/mlp/mlpLayout.ts';

export function tinyNetwork(): NerfNetworkSpec {
  const grid = encodingFromJson(
    {
      otype: 'HashGrid',
      n_levels: 4,
      n_features_per_level: 2,
      log2_hashmap_size: 12,
      base_resolution: 4,
      per_level_scale: 2,
    },
    3,
    'test grid',
  ) as GridEncodingSpec;
  return nerfNetworkSpec(grid);
}

/**
 * Parameters with visible structure: grid entries U(−1, 1) (tcnn's ±1e-4 would give a featureless field) and the
 * density output row 0 shifted by `densityBias` so σ_raw varies around a chosen level.
 */
export function livelyParams(spec: NerfNetworkSpec, seed: number, densityBias: number): NerfParams {
  const p = initNerfParams(spec, seed);
  const rng = seededRng(seed + 10);
  for (let i = 0; i < p.grid.length; i++) p.grid[i] = rng.uniform(-1, 1);
  // Row 0 of the density net's output matrix is σ_raw.
  const off = mlpLayout(spec.density).matrices.at(-1)!.offset;
  for (let i = 0; i < 64; i++) p.density[off + i]! += densityBias;
  return p;
}

export function tinyScene(occupancy: OccupancySpec, densityBias: number): NerfScene {
  const scene = syntheticScene('blocks');
  const cell = 2 / occupancy.gridRes / 0.33;
  const grid = densityGridFromPredicate(occupancy, (p) => sceneOccupiedAt(scene, p, cell));
  const network = tinyNetwork();
  return {
    network,
    params: livelyParams(network, 3, densityBias),
    occupancy,
    bitfield: buildBitfield(occupancy, grid, 0.01),
    march: NERF_MARCH_DEFAULT,
    background: [1, 1, 1],
  };
}

export function tinyCamera(widthPx: number, heightPx: number): NerfCamera {
  return { pose: lookAtPose([2.2, -2.4, 1.8], [0, 0, -0.2]), cameraAngleX: 0.69, widthPx, heightPx };
}
