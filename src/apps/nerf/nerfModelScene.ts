// The scene a NeRF model file describes: its networks and parameters, its occupancy and marching settings, the
// occupancy grid rebuilt from the density network, and the cameras it records.
import { existsSync, readFileSync } from 'node:fs';
import { encodeGridCpu } from '../../encoding/gridEncoding.cpu.ts';
import { GridEncodingGpu } from '../../encoding/gridEncoding.gpu.ts';
import { levelLayout } from '../../encoding/gridLayout.ts';
import { seededRng } from '../../encoding/rng.ts';
import { NgpcInputError, OptionError, verbatim } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { mlpForwardCpu } from '../../mlp/mlp.cpu.ts';
import { MlpGpu } from '../../mlp/mlp.gpu.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';
import { headerNumber, headerObject } from '../../train/headerValue.ts';
import type { ModelFile } from '../../train/modelFile.ts';
import { checkPose, type NerfCamera } from './camera.ts';
import { densityActivation } from './composite.cpu.ts';
import { NERF_GEO_FEATURES, type NerfNetworkSpec, type NerfParams, nerfNetworkSpec } from './nerfNetwork.ts';
import type { NerfScene } from './nerfRender.cpu.ts';
import { NERF_TRAIN_MARCH, NERF_TRAIN_OCCUPANCY } from './nerfTrain.ts';
import {
  buildBitfield,
  cellsPerCascade,
  checkOccupancySpec,
  mortonToXyz,
  NERF_OCCUPANCY_DEFAULT,
  type OccupancySpec,
  occupancyThreshold,
} from './occupancyGrid.ts';
import { type MarchSpec, MIN_CONE_STEPSIZE, NERF_MARCH_DEFAULT } from './raymarch.ts';

/** The model's occupancy and marching settings as recorded in `training`. */
export function nerfModelSettings(model: ModelFile): { occupancy: OccupancySpec; march: MarchSpec } {
  const t = model.header.training as { occupancy?: unknown; march?: unknown };
  const file = model.file;
  const o =
    t.occupancy === undefined
      ? NERF_TRAIN_OCCUPANCY
      : headerObject(file, '$.training.occupancy', t.occupancy, 'the occupancy grid');
  const occupancy = { ...o } as OccupancySpec;
  headerNumber(file, '$.training.occupancy.gridRes', occupancy.gridRes, { min: 2, max: 1024, integer: true });
  headerNumber(file, '$.training.occupancy.nCascades', occupancy.nCascades, {
    min: 1,
    max: 8,
    integer: true,
  });
  checkOccupancySpec(occupancy);
  const m =
    t.march === undefined
      ? NERF_TRAIN_MARCH
      : headerObject(file, '$.training.march', t.march, 'the ray-march settings');
  // A step below √3/4096 (a quarter of instant-ngp's finest) marches empty space for ever; 4096 samples bound a ray.
  const march: MarchSpec = {
    stepSize: headerNumber(file, '$.training.march.stepSize', m.stepSize, {
      min: Math.sqrt(3) / 4096,
      max: 1,
    }),
    maxSamplesPerRay: headerNumber(file, '$.training.march.maxSamplesPerRay', m.maxSamplesPerRay, {
      min: 1,
      max: 4096,
      integer: true,
    }),
    minTransmittance: headerNumber(file, '$.training.march.minTransmittance', m.minTransmittance, {
      min: 0,
      max: 1,
      exclusiveMin: true,
    }),
  };
  return { occupancy, march };
}

/** The network and parameters of a NeRF model file (density then colour network). */
export function nerfModelParams(model: ModelFile): { network: NerfNetworkSpec; params: NerfParams } {
  if (model.header.app !== 'nerf') {
    throw OptionError.worded(
      'app',
      (n) => `model is a ${model.header.app} model; ${n('app')} nerf needs a NeRF model`,
    );
  }
  const nets = model.networks ?? [];
  const density = nets.find((n) => n.name === 'density');
  const color = nets.find((n) => n.name === 'color');
  if (!density || !color) throw new NgpcInputError('NeRF model: expected networks "density" and "color"');
  const network = nerfNetworkSpec(model.gridSpec);
  const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(network.density, density.spec) || !same(network.color, color.spec)) {
    throw new NgpcInputError('NeRF model: the density/colour networks do not match the NeRF architecture');
  }
  return { network, params: { grid: model.params.grid, density: density.params, color: color.params } };
}

/**
 * The occupancy bitfield of a trained network, rebuilt at load time (model files hold no density grid): the optical
 * thickness σ·MIN_CONE_STEPSIZE at each cell centre and one seeded jittered point per cell, max-merged, thresholded
 * at min(0.01, mean) as instant-ngp's update does (docs/sources.md#kernels-5-2).
 */
export async function occupancyFromNetwork(
  ctx: GpuContext | null,
  network: NerfNetworkSpec,
  params: NerfParams,
  occ: OccupancySpec,
  seed = 1,
): Promise<Uint32Array> {
  const n = cellsPerCascade(occ);
  const nCells = n * occ.nCascades;
  const rng = seededRng(seed);
  const positions = new Float32Array(nCells * 2 * 3);
  for (let c = 0; c < nCells; c++) {
    const k = Math.floor(c / n);
    const [x, y, z] = mortonToXyz(c % n);
    const xyz = [x, y, z];
    for (let s = 0; s < 2; s++) {
      for (let a = 0; a < 3; a++) {
        const p = (xyz[a]! + (s === 0 ? 0.5 : rng.next())) / occ.gridRes;
        positions[3 * (2 * c + s) + a] = (p - 0.5) * 2 ** k + 0.5;
      }
    }
  }
  let geo: ArrayLike<number>;
  if (ctx) {
    const grid = new GridEncodingGpu(ctx, levelLayout(network.grid));
    const mlp = new MlpGpu(ctx, mlpLayout(network.density));
    try {
      grid.setParams(params.grid);
      mlp.setParams(params.density);
      const parts: Float32Array[] = [];
      const chunk = 1 << 16;
      for (let first = 0; first < 2 * nCells; first += chunk) {
        const last = Math.min(2 * nCells, first + chunk);
        parts.push(await mlp.forward(await grid.encode(positions.subarray(3 * first, 3 * last))));
      }
      const all = new Float32Array(2 * nCells * NERF_GEO_FEATURES);
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      geo = all;
    } finally {
      grid.destroy();
      mlp.destroy();
    }
  } else {
    geo = mlpForwardCpu(
      mlpLayout(network.density),
      params.density,
      encodeGridCpu(levelLayout(network.grid), params.grid, positions),
    ).outputs;
  }
  const grid = new Float32Array(nCells);
  for (let c = 0; c < nCells; c++) {
    const a = densityActivation(geo[NERF_GEO_FEATURES * 2 * c]!);
    const b = densityActivation(geo[NERF_GEO_FEATURES * (2 * c + 1)]!);
    grid[c] = Math.fround(Math.max(a, b) * MIN_CONE_STEPSIZE);
  }
  return buildBitfield(occ, grid, occupancyThreshold(occ, grid));
}

/** How a trained model is marched: as recorded in the model file, or with instant-ngp's inference rules. */
export type NerfMarchMode = 'model' | 'instant-ngp';
export const NERF_MARCH_MODES: readonly NerfMarchMode[] = ['model', 'instant-ngp'];

/**
 * A renderable scene from a NeRF model file (white background). `instant-ngp` marches with instant-ngp's inference
 * settings for a NeRF-synthetic scene (NERF_OCCUPANCY_DEFAULT: one 128³ cascade; NERF_MARCH_DEFAULT: step √3/1024,
 * at most 1024 samples per ray, min transmittance 0.01; docs/sources.md#kernels-5-2, docs/sources.md#kernels-5-3): the density field is continuous, so a
 * model trained with the coarser training march can be marched this way, its occupancy grid rebuilt at 128³.
 */
export async function nerfSceneFromModel(
  ctx: GpuContext | null,
  model: ModelFile,
  mode: NerfMarchMode = 'model',
): Promise<NerfScene> {
  const { network, params } = nerfModelParams(model);
  const { occupancy, march } =
    mode === 'instant-ngp'
      ? { occupancy: NERF_OCCUPANCY_DEFAULT, march: NERF_MARCH_DEFAULT }
      : nerfModelSettings(model);
  const bitfield = await occupancyFromNetwork(ctx, network, params, occupancy);
  return { network, params, occupancy, bitfield, march, background: [1, 1, 1] };
}

/**
 * The camera a render asks for (the `camera` option): a held-out view index recorded in the model, or a JSON file with a 4×4 `transform_matrix`
 * (NeRF-synthetic frame) and optionally `camera_angle_x` (default: the model's).
 */
export function nerfCamera(
  model: ModelFile,
  spec: string,
  widthPx: number,
  heightPx: number,
): { camera: NerfCamera; index: number | null } {
  const scene = model.header.scene as { testPoses?: number[][]; cameraAngleX?: number };
  const angle = typeof scene.cameraAngleX === 'number' ? scene.cameraAngleX : 0.6911112070083618;
  if (/^\d+$/.test(spec)) {
    const index = Number(spec);
    const poses = scene.testPoses ?? [];
    if (index >= poses.length) {
      throw new OptionError(
        'camera',
        verbatim(spec),
        `the model records ${poses.length} held-out cameras (0..${poses.length - 1})`,
      );
    }
    checkPose(poses[index]!, `model scene.testPoses[${index}]`);
    return {
      camera: { pose: Float64Array.from(poses[index]!), cameraAngleX: angle, widthPx, heightPx },
      index,
    };
  }
  if (!existsSync(spec)) {
    throw new OptionError('camera', verbatim(spec), 'expected a held-out view index or a camera JSON file');
  }
  let json: { transform_matrix?: unknown; camera_angle_x?: unknown };
  try {
    json = JSON.parse(readFileSync(spec, 'utf8'));
  } catch (e) {
    throw new OptionError('camera', verbatim(spec), `not valid JSON (${(e as Error).message})`);
  }
  const m = json?.transform_matrix;
  const flat = Array.isArray(m) ? (m.flat() as unknown[]) : [];
  if (flat.length !== 16 || flat.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new OptionError(
      'camera',
      verbatim(spec),
      'transform_matrix: expected a 4x4 matrix of finite numbers',
    );
  }
  const a = json.camera_angle_x ?? angle;
  if (typeof a !== 'number' || !(a > 0 && a < Math.PI)) {
    throw new OptionError('camera', verbatim(spec), 'camera_angle_x: expected radians in (0, π)');
  }
  return {
    camera: { pose: Float64Array.from(flat as number[]), cameraAngleX: a, widthPx, heightPx },
    index: null,
  };
}
