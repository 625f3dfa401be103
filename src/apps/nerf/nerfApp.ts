// NeRF end to end for the CLI: resolve the dataset, train and write a two-network model file; render and profile a model.
import { existsSync, readFileSync } from 'node:fs';
import { encodeGridCpu } from '../../encoding/gridEncoding.cpu.ts';
import { GridEncodingGpu } from '../../encoding/gridEncoding.gpu.ts';
import { levelLayout } from '../../encoding/gridLayout.ts';
import { seededRng } from '../../encoding/rng.ts';
import { NgpcInputError } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { writePngImage } from '../../io/png.ts';
import { mlpForwardCpu } from '../../mlp/mlp.cpu.ts';
import { MlpGpu } from '../../mlp/mlp.gpu.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';
import { adamToJson } from '../../train/adam.ts';
import { headerNumber, headerObject } from '../../train/headerValue.ts';
import { psnrDb } from '../../train/loss.ts';
import { type ModelFile, writeMultiModelFile } from '../../train/modelFile.ts';
import { parseResolution } from '../../workload/resolution.ts';
import { type MeasuredWorkload, summariseWorkload } from '../workloadProfile.ts';
import { checkPose, type NerfCamera } from './camera.ts';
import { densityActivation } from './composite.cpu.ts';
import { generateSyntheticDataset, loadNerfDataset, type NerfDataset } from './nerfDataset.ts';
import { NERF_GEO_FEATURES, type NerfNetworkSpec, type NerfParams, nerfNetworkSpec } from './nerfNetwork.ts';
import { type NerfScene, pixelRayF32 } from './nerfRender.cpu.ts';
import { NerfRendererGpu, resolveImage, TERMINATED_BIT } from './nerfRender.gpu.ts';
import {
  evaluateNerfViews,
  NERF_TRAIN_MARCH,
  NERF_TRAIN_OCCUPANCY,
  type NerfTrainProgress,
  overBackground,
  trainNerf,
} from './nerfTrain.ts';
import {
  buildBitfield,
  cellsPerCascade,
  checkOccupancySpec,
  mortonToXyz,
  NERF_OCCUPANCY_DEFAULT,
  type OccupancySpec,
  occupancyThreshold,
  occupiedFraction,
} from './occupancyGrid.ts';
import { type MarchSpec, MIN_CONE_STEPSIZE, marchRayCpu, NERF_MARCH_DEFAULT, rayPoint } from './raymarch.ts';
import { renderSyntheticView, syntheticScene } from './syntheticScene.ts';

/** Training views of a built-in scene (`--synthetic`): enough for ≈ 128 px training on the software adapter. */
export interface NerfDataOptions {
  widthPx: number;
  heightPx: number;
  nTrain: number;
  nTest: number;
  seed: number;
}

export const NERF_DATA_DEFAULT: NerfDataOptions = {
  widthPx: 128,
  heightPx: 128,
  nTrain: 24,
  nTest: 4,
  seed: 1,
};

export interface NerfTarget {
  dataset: NerfDataset;
  /** Recorded in the model header: how to regenerate the views, and the held-out cameras. */
  scene: Record<string, unknown>;
}

/** The dataset to fit: `--synthetic NAME` (generated) or `--data DIR` (NeRF-synthetic format), exactly one. */
export function nerfTarget(
  synthetic: string | undefined,
  data: string | undefined,
  options: NerfDataOptions = NERF_DATA_DEFAULT,
): NerfTarget {
  if ((synthetic === undefined) === (data === undefined)) {
    throw new NgpcInputError('--app nerf needs exactly one of --synthetic NAME or --data DIR');
  }
  const dataset =
    synthetic !== undefined
      ? generateSyntheticDataset(syntheticScene(synthetic), {
          widthPx: options.widthPx,
          heightPx: options.heightPx,
          nTrain: options.nTrain,
          nVal: 0,
          nTest: options.nTest,
          seed: options.seed,
        })
      : loadNerfDataset(data!);
  const held = dataset.splits.test.length > 0 ? dataset.splits.test : dataset.splits.val;
  const scene: Record<string, unknown> = {
    ...(synthetic !== undefined
      ? { synthetic, nTrain: options.nTrain, nTest: options.nTest, seed: options.seed }
      : { data }),
    widthPx: dataset.widthPx,
    heightPx: dataset.heightPx,
    cameraAngleX: dataset.cameraAngleX,
    testPoses: held.map((v) => Array.from(v.camera.pose)),
  };
  return { dataset, scene };
}

export interface NerfTrainRun {
  steps: number;
  batchSamples: number;
  seed: number;
  out: string;
  date?: string;
  onProgress?: (p: NerfTrainProgress) => void;
  /** Held-out PSNR every this many steps (0: only at the end). */
  evalEvery?: number;
  onEvaluate?: (step: number, psnrDb: number[]) => void;
  /** Marching rules (default NERF_TRAIN_MARCH); recorded in the model for its renders. */
  march?: MarchSpec;
  /** Wall clock in seconds (the CLI passes performance.now-based timing; the library never reads a clock). */
  clockS?: () => number;
}

export interface NerfTrainSummary {
  app: 'nerf';
  out: string;
  adapter: string;
  steps: number;
  batchSamples: number;
  trainS: number | null;
  /** Mean PSNR of fused renders of the held-out views (white background) with the file's parameters. */
  heldOutPsnrDb: number;
  heldOutViews: number;
  lastBatchPsnrDb: number;
  samplesPerRay: number;
  nParams: number;
}

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
    throw new NgpcInputError(`model is a ${model.header.app} model; --app nerf needs a NeRF model`);
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

/** Trains NeRF on `target` and writes the two-network model file atomically (nothing is written on failure). */
export async function trainNerfApp(
  ctx: GpuContext,
  target: NerfTarget,
  run: NerfTrainRun,
): Promise<NerfTrainSummary> {
  const t0 = run.clockS?.() ?? null;
  const held = target.dataset.splits.test.length > 0 ? target.dataset.splits.test : target.dataset.splits.val;
  const result = await trainNerf(ctx, target.dataset, {
    steps: run.steps,
    batchSamples: run.batchSamples,
    seed: run.seed,
    onProgress: run.onProgress,
    reportEvery: Math.max(1, Math.min(10, Math.floor(run.steps / 10))),
    ...(run.evalEvery ? { evaluate: { every: run.evalEvery, views: held } } : {}),
    onEvaluate: run.onEvaluate,
    ...(run.march ? { march: run.march } : {}),
  });
  const trainS = t0 === null ? null : run.clockS!() - t0;
  const bitfield = await occupancyFromNetwork(ctx, result.network, result.params, result.occupancy);
  const scene: NerfScene = {
    network: result.network,
    params: result.params,
    occupancy: result.occupancy,
    bitfield,
    march: result.march,
    background: [1, 1, 1],
  };
  const psnrs = held.length > 0 ? await evaluateNerfViews(ctx, scene, held) : [];
  const heldOutPsnrDb = psnrs.length > 0 ? psnrs.reduce((a, b) => a + b, 0) / psnrs.length : Number.NaN;
  const last = result.curve[result.curve.length - 1]!;
  writeMultiModelFile(
    run.out,
    result.network.grid,
    [
      { name: 'density', spec: result.network.density, params: result.params.density },
      { name: 'color', spec: result.network.color, params: result.params.color },
    ],
    result.params.grid,
    {
      app: 'nerf',
      nDims: 3,
      optimizer: adamToJson(result.adam),
      loss: 'Huber',
      training: {
        steps: run.steps,
        batchSamples: run.batchSamples,
        seed: run.seed,
        sampling:
          'random training pixels, jittered march with occupancy skipping until the sample batch is full; random background per ray',
        hostSide: 'marching, SH, compositing forward/backward on the CPU; encoding, MLPs and Adam on the GPU',
        occupancy: result.occupancy,
        march: result.march,
        huberDelta: 0.1,
        adapter: ctx.adapterName,
        ...(trainS === null ? {} : { trainS: Number(trainS.toFixed(1)) }),
      },
      scene: target.scene,
      metrics: {
        heldOutPsnrDb: Number(heldOutPsnrDb.toFixed(3)),
        heldOutPsnrPerViewDb: psnrs.map((p) => Number(p.toFixed(3))),
        lastBatchPsnrDb: Number(last[2].toFixed(3)),
        lossCurve: result.curve.map(([s, l, p, spr]) => [
          s,
          Number(l.toPrecision(5)),
          Number(p.toFixed(3)),
          Number(spr.toFixed(2)),
        ]),
        evalCurve: result.evalCurve.map(([s, p]) => [s, Number(p.toFixed(3))]),
      },
      weights: 'master',
      ...(run.date ? { date: run.date } : {}),
    },
  );
  return {
    app: 'nerf',
    out: run.out,
    adapter: ctx.adapterName,
    steps: run.steps,
    batchSamples: run.batchSamples,
    trainS: trainS === null ? null : Number(trainS.toFixed(1)),
    heldOutPsnrDb,
    heldOutViews: psnrs.length,
    lastBatchPsnrDb: last[2],
    samplesPerRay: last[3],
    nParams: result.params.grid.length + result.params.density.length + result.params.color.length,
  };
}

/**
 * The camera of `--camera`: a held-out view index recorded in the model, or a JSON file with a 4×4 `transform_matrix`
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
      throw new NgpcInputError(
        `--camera ${spec}: the model records ${poses.length} held-out cameras (0..${poses.length - 1})`,
      );
    }
    checkPose(poses[index]!, `model scene.testPoses[${index}]`);
    return {
      camera: { pose: Float64Array.from(poses[index]!), cameraAngleX: angle, widthPx, heightPx },
      index,
    };
  }
  if (!existsSync(spec)) {
    throw new NgpcInputError(`--camera ${spec}: expected a held-out view index or a camera JSON file`);
  }
  let json: { transform_matrix?: unknown; camera_angle_x?: unknown };
  try {
    json = JSON.parse(readFileSync(spec, 'utf8'));
  } catch (e) {
    throw new NgpcInputError(`--camera ${spec}: not valid JSON (${(e as Error).message})`);
  }
  const m = json?.transform_matrix;
  const flat = Array.isArray(m) ? (m.flat() as unknown[]) : [];
  if (flat.some((v) => typeof v !== 'number')) {
    throw new NgpcInputError(`--camera ${spec}: transform_matrix: expected a 4x4 matrix of finite numbers`);
  }
  checkPose(flat as number[], `--camera ${spec}: transform_matrix`);
  const a = json.camera_angle_x ?? angle;
  if (typeof a !== 'number' || !(a > 0 && a < Math.PI)) {
    throw new NgpcInputError(`--camera ${spec}: camera_angle_x: expected radians in (0, π)`);
  }
  return {
    camera: { pose: Float64Array.from(flat as number[]), cameraAngleX: a, widthPx, heightPx },
    index: null,
  };
}

export interface NerfRenderSummary {
  app: 'nerf';
  out: string;
  widthPx: number;
  heightPx: number;
  renderer: 'fused' | 'unfused';
  device: string;
  wallS: number;
  rounds: number;
  meanSamplesPerPixel: number;
  /** PSNR against the built-in scene's view regenerated at this resolution (held-out index, synthetic), else null. */
  psnrDb: number | null;
}

/** Renders a NeRF model on the GPU, fused or unfused, and writes the PNG atomically (only after a successful render). */
export async function renderNerfApp(
  ctx: GpuContext,
  model: ModelFile,
  opts: { widthPx: number; heightPx: number; camera: string; fused: boolean; out: string },
): Promise<NerfRenderSummary> {
  const { camera, index } = nerfCamera(model, opts.camera, opts.widthPx, opts.heightPx);
  const scene = await nerfSceneFromModel(ctx, model);
  const renderer = new NerfRendererGpu(ctx, scene);
  try {
    const r = opts.fused ? await renderer.renderFused(camera) : await renderer.renderUnfused(camera);
    const image = resolveImage(r, scene.background);
    let psnr: number | null = null;
    const synthetic = model.header.scene.synthetic;
    if (index !== null && typeof synthetic === 'string') {
      const target = overBackground(renderSyntheticView(syntheticScene(synthetic), camera), scene.background);
      let se = 0;
      for (let i = 0; i < image.rgb.length; i++) se += (image.rgb[i]! - target.rgb[i]!) ** 2;
      psnr = psnrDb(se / image.rgb.length);
    }
    let total = 0;
    for (const s of r.samples) total += s & ~TERMINATED_BIT;
    writePngImage(opts.out, image);
    return {
      app: 'nerf',
      out: opts.out,
      widthPx: opts.widthPx,
      heightPx: opts.heightPx,
      renderer: opts.fused ? 'fused' : 'unfused',
      device: ctx.adapterName,
      wallS: r.wallS,
      rounds: r.rounds,
      meanSamplesPerPixel: total / r.samples.length,
      psnrDb: psnr,
    };
  } finally {
    renderer.destroy();
  }
}

/** Query positions a NeRF profile records: one NGPC batch (configs/ngpc batchQueries) for its bank-conflict model. */
export const NERF_PROFILE_POSITIONS = 4096;

/** instant-ngp's render loop evaluates up to 2^21 samples per round (docs/sources.md#kernels-5-3). */
export const INSTANT_NGP_SAMPLES_PER_ROUND = 1 << 21;
const FULL_HD = parseResolution('1080p');
const PIXELS_1080P = FULL_HD.widthPx * FULL_HD.heightPx;

/** NeRF-specific figures of a measured workload, per camera and resolution. */
export interface NerfProfileRow {
  camera: string;
  widthPx: number;
  heightPx: number;
  meanSamplesPerRay: number;
  /** Rays that stopped because A > 1 − min transmittance. */
  earlyTerminationRate: number;
  /** Rays with at least one sample. */
  hitRate: number;
  /** Unfused marching rounds (instant-ngp's render loop). */
  rounds: number;
  /**
   * Network evaluations per ray in the unfused render loop: every alive ray takes n_steps samples per round, so
   * samples past a ray's termination are evaluated too. This is what the baseline's encoding and MLP kernels run.
   */
  evaluatedSamplesPerRay: number;
  /** Samples per round (n_steps = clamp(this / alive, 1, 8)). */
  samplesPerRound: number;
  fusedWallS: number;
  unfusedWallS: number;
}

export interface NerfWorkload extends MeasuredWorkload {
  details: {
    camera: string;
    marchMode: NerfMarchMode;
    occupiedFraction: number;
    occupancy: OccupancySpec;
    march: MarchSpec;
    rows: NerfProfileRow[];
  };
}

/** The cameras a profile spec names: one held-out index or camera file, or `all` held-out views. */
function profileCameraSpecs(model: ModelFile, spec: string): string[] {
  if (spec !== 'all') return [spec];
  const n = ((model.header.scene as { testPoses?: unknown[] }).testPoses ?? []).length;
  if (n === 0) throw new NgpcInputError('--camera all: the model records no held-out cameras');
  return Array.from({ length: n }, (_, i) => String(i));
}

/**
 * Measures a NeRF model: per camera and resolution, a fused render (composited samples per ray and their
 * distribution, early termination) and an unfused render with the round structure of a 1080p frame (network
 * evaluations per ray including round padding, rounds); the occupancy; a seeded sample of query positions (CPU
 * marcher). The workload's samples per pixel are the evaluations per ray at the last resolution, averaged over the
 * cameras: what the encoding and MLP kernels run.
 */
export async function profileNerfApp(
  ctx: GpuContext,
  model: ModelFile,
  resolutions: readonly { widthPx: number; heightPx: number }[],
  cameraSpec: string,
  source: string,
  mode: NerfMarchMode = 'model',
  onProgress?: (done: number, total: number) => void,
): Promise<NerfWorkload> {
  if (resolutions.length === 0) throw new NgpcInputError('--resolution: expected at least one WxH');
  const cameras = profileCameraSpecs(model, cameraSpec);
  // Steps: the occupancy grid, then one fused + unfused render per camera and resolution.
  const steps = 1 + cameras.length * resolutions.length;
  let done = 0;
  onProgress?.(done, steps);
  const scene = await nerfSceneFromModel(ctx, model, mode);
  onProgress?.(++done, steps);
  const renderer = new NerfRendererGpu(ctx, scene);
  const rows: NerfProfileRow[] = [];
  const last = resolutions[resolutions.length - 1]!;
  const lastCounts: Uint32Array[] = [];
  const lastCameras: NerfCamera[] = [];
  try {
    for (const res of resolutions) {
      for (const spec of cameras) {
        const { camera } = nerfCamera(model, spec, res.widthPx, res.heightPx);
        const fused = await renderer.renderFused(camera);
        // The round structure of a 1080p frame (instant-ngp: 2^21 samples per round), scaled to this frame's rays.
        const nPx = res.widthPx * res.heightPx;
        const samplesPerRound = Math.max(1, Math.round((INSTANT_NGP_SAMPLES_PER_ROUND * nPx) / PIXELS_1080P));
        const unfused = await renderer.renderUnfused(camera, { samplesPerRound });
        const counts = fused.samples.map((s) => s & ~TERMINATED_BIT);
        let total = 0;
        let terminated = 0;
        let hit = 0;
        for (const [i, s] of fused.samples.entries()) {
          total += counts[i]!;
          if (s & TERMINATED_BIT) terminated++;
          if (counts[i]! > 0) hit++;
        }
        rows.push({
          camera: spec,
          widthPx: res.widthPx,
          heightPx: res.heightPx,
          meanSamplesPerRay: total / nPx,
          earlyTerminationRate: terminated / nPx,
          hitRate: hit / nPx,
          rounds: unfused.rounds,
          evaluatedSamplesPerRay: unfused.networkRows / nPx,
          samplesPerRound,
          fusedWallS: Number(fused.wallS.toFixed(3)),
          unfusedWallS: Number(unfused.wallS.toFixed(3)),
        });
        if (res === last) {
          lastCounts.push(Uint32Array.from(counts));
          lastCameras.push(camera);
        }
        onProgress?.(++done, steps);
      }
    }
  } finally {
    renderer.destroy();
  }
  // Query positions: march a seeded subset of pixels on the CPU and keep their composited samples' positions.
  const rng = seededRng(7);
  const positions: number[] = [];
  const pos = [0, 0, 0];
  for (let i = 0; i < 256 * lastCameras.length && positions.length < 3 * NERF_PROFILE_POSITIONS; i++) {
    const v = Math.floor(rng.next() * lastCameras.length);
    const cam = lastCameras[v]!;
    const p = Math.floor(rng.next() * lastCounts[v]!.length);
    const used = lastCounts[v]![p]!;
    if (used === 0) continue;
    const ray = pixelRayF32(cam, p % cam.widthPx, Math.floor(p / cam.widthPx));
    const ts = marchRayCpu(scene.occupancy, scene.bitfield, scene.march, ray.subarray(0, 3), ray.subarray(3));
    for (const t of ts.slice(0, used))
      positions.push(...rayPoint(ray.subarray(0, 3), ray.subarray(3), t, pos));
  }
  const allCounts = new Uint32Array(lastCounts.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of lastCounts) {
    allCounts.set(c, at);
    at += c.length;
  }
  const base = summariseWorkload(
    'nerf',
    model,
    last.widthPx,
    last.heightPx,
    allCounts,
    Float32Array.from(positions),
    3,
    source,
    NERF_PROFILE_POSITIONS,
  );
  const lastRows = rows.filter((r) => r.widthPx === last.widthPx && r.heightPx === last.heightPx);
  const evaluated = lastRows.reduce((a, r) => a + r.evaluatedSamplesPerRay, 0) / lastRows.length;
  const composited = base.samplesPerPixel.value;
  base.samplesPerPixel = {
    value: evaluated,
    source: `${source}; network evaluations per pixel in instant-ngp's round loop (${composited.toFixed(2)} composited + ${(evaluated - composited).toFixed(2)} round padding), mean of ${lastRows.length} view(s) at ${last.widthPx}x${last.heightPx}`,
  };
  base.queriesPerFrame = Math.round(evaluated * last.widthPx * last.heightPx);
  return {
    ...base,
    details: {
      camera: cameraSpec,
      marchMode: mode,
      occupiedFraction: occupiedFraction(scene.occupancy, scene.bitfield),
      occupancy: scene.occupancy,
      march: scene.march,
      rows,
    },
  };
}
