// NVR end to end for the CLI: resolve the volume, train and write a model file; render a model to PNG; profile a frame.
import { NgpcInputError } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { writePngImage } from '../../io/png.ts';
import { adamToJson } from '../../train/adam.ts';
import { psnrDb } from '../../train/loss.ts';
import { type ModelFile, writeModelFile } from '../../train/modelFile.ts';
import { type BatchSampler, fitField } from '../fieldFit.ts';
import { cpuFieldQuery, type FieldQuery, gpuFieldQuery } from '../fieldQuery.ts';
import { checkResolution, imageMse } from '../gia/giaRender.ts';
import { DEFAULT_ORBIT_CAMERA, type OrbitCamera } from '../orbitCamera.ts';
import { type MeasuredWorkload, summariseWorkload } from '../workloadProfile.ts';
import { nvrAdamSpec, nvrGridSpec, nvrMlpSpec } from './nvrConfig.ts';
import { marchVolume, NVR_RENDER_DEFAULTS, type NvrRenderSettings } from './nvrRender.ts';
import {
  type DensityVolume,
  parseProceduralVolume,
  parseVolumeDims,
  proceduralVolume,
  readRawVolume,
  sampleVolume,
} from './volume.ts';

export interface NvrTarget {
  volume: DensityVolume;
  /** Recorded in the model header (with the render settings) so renders can compare against it. */
  scene: Record<string, unknown>;
}

/** `--volume NAME:SIZE` (built in) or `--volume FILE.raw --dims XxYxZ` (u8 density). */
export function nvrTarget(volume: string | undefined, dims: string | undefined): NvrTarget {
  if (volume === undefined) {
    throw new NgpcInputError(
      '--app nvr needs --volume NAME:SIZE (e.g. cloud:64) or --volume FILE.raw --dims XxYxZ',
    );
  }
  if (volume.endsWith('.raw')) {
    const d = parseVolumeDims(dims);
    return { volume: readRawVolume(volume, d), scene: { volume, dims: d } };
  }
  const { name, sizeVoxels } = parseProceduralVolume(volume);
  return { volume: proceduralVolume(name, sizeVoxels), scene: { volume: `${name}:${sizeVoxels}` } };
}

/** Rebuilds the ground truth a model was trained on from its scene, or null when that is not possible (missing file). */
export function nvrSceneVolume(scene: Record<string, unknown>): DensityVolume | null {
  try {
    return nvrTarget(String(scene.volume), Array.isArray(scene.dims) ? scene.dims.join('x') : undefined)
      .volume;
  } catch {
    return null;
  }
}

/** Uniform positions in the cube with the trilinear (albedo, density) there as targets. */
export function nvrSampler(volume: DensityVolume): BatchSampler {
  return (rng, positions, targets) => {
    for (let i = 0; i < positions.length; i++) positions[i] = rng.next();
    targets.set(sampleVolume(volume, positions));
  };
}

export interface NvrTrainRun {
  steps: number;
  batchSize: number;
  seed: number;
  out: string;
  date?: string;
  /** Resolution of the validation views (square). */
  evalSizePx?: number;
  onProgress?: (p: { step: number; steps: number; loss: number; psnrDb: number }) => void;
  clockS?: () => number;
}

export interface NvrTrainSummary {
  app: 'nvr';
  out: string;
  adapter: string;
  steps: number;
  batchSize: number;
  trainS: number | null;
  lastBatchLoss: number;
  /** Mean PSNR of rendered views of the model vs the same renders of the ground-truth volume. */
  viewPsnrDb: number;
  nParams: number;
}

/** Validation cameras: three orbits around the volume. */
export const NVR_EVAL_CAMERAS: OrbitCamera[] = [0, 120, 240].map((az) => ({
  ...DEFAULT_ORBIT_CAMERA,
  azimuthDeg: az + 35,
}));

/** Mean PSNR over views of `query` vs the ground truth, rendered the same way. */
export async function nvrViewPsnr(
  query: FieldQuery,
  volume: DensityVolume,
  sizePx: number,
  settings: NvrRenderSettings,
  cameras = NVR_EVAL_CAMERAS,
): Promise<number> {
  const truth: FieldQuery = async (p) => sampleVolume(volume, p);
  let sum = 0;
  for (const camera of cameras) {
    const got = await marchVolume(query, camera, sizePx, sizePx, settings);
    const want = await marchVolume(truth, camera, sizePx, sizePx, settings);
    sum += psnrDb(imageMse(got.image, want.image));
  }
  return sum / cameras.length;
}

/** Trains NVR on `target` and writes the model file atomically (nothing is written on failure). */
export async function trainNvrApp(
  ctx: GpuContext,
  target: NvrTarget,
  run: NvrTrainRun,
): Promise<NvrTrainSummary> {
  const t0 = run.clockS?.() ?? null;
  const gridSpec = nvrGridSpec(Math.max(...target.volume.dims));
  const mlpSpec = nvrMlpSpec(gridSpec.nLevels * gridSpec.nFeaturesPerLevel);
  const adam = nvrAdamSpec();
  const result = await fitField(ctx, {
    gridSpec,
    mlpSpec,
    adam,
    loss: 'L2',
    steps: run.steps,
    batchSize: run.batchSize,
    seed: run.seed,
    sampler: nvrSampler(target.volume),
    onProgress: (p) => run.onProgress?.({ ...p, psnrDb: psnrDb(p.loss) }),
  });
  const trainS = t0 === null ? null : run.clockS!() - t0;
  const settings = NVR_RENDER_DEFAULTS;
  const field = gpuFieldQuery(ctx, { gridSpec, mlpSpec, params: result.params } as ModelFile);
  let viewPsnrDb: number;
  try {
    viewPsnrDb = await nvrViewPsnr(field.query, target.volume, run.evalSizePx ?? 128, settings);
  } finally {
    field.destroy();
  }
  const lastBatchLoss = result.lossCurve.at(-1)?.[1] ?? Number.NaN;
  writeModelFile(run.out, gridSpec, mlpSpec, result.params, {
    app: 'nvr',
    nDims: 3,
    optimizer: adamToJson(adam),
    loss: 'L2',
    training: {
      steps: run.steps,
      batchSize: run.batchSize,
      seed: run.seed,
      sampling: 'uniform random positions in the unit cube; targets trilinear (albedo RGB, density)',
      adapter: ctx.adapterName,
      ...(trainS === null ? {} : { trainS: Number(trainS.toFixed(1)) }),
    },
    scene: { ...target.scene, render: settings },
    metrics: {
      viewPsnrDb: Number(viewPsnrDb.toFixed(3)),
      viewSizePx: run.evalSizePx ?? 128,
      lossCurve: result.lossCurve.map(([s, l]) => [s, Number(l.toPrecision(5))]),
    },
    weights: adam.emaDecay === null ? 'master' : 'ema',
    ...(run.date ? { date: run.date } : {}),
  });
  return {
    app: 'nvr',
    out: run.out,
    adapter: ctx.adapterName,
    steps: run.steps,
    batchSize: run.batchSize,
    trainS: trainS === null ? null : Number(trainS.toFixed(1)),
    lastBatchLoss,
    viewPsnrDb,
    nParams: result.params.grid.length + result.params.mlp.length,
  };
}

/** The render settings a model records (the defaults for older files). */
export function nvrRenderSettings(model: ModelFile): NvrRenderSettings {
  const r = model.header.scene.render as Partial<NvrRenderSettings> | undefined;
  return { ...NVR_RENDER_DEFAULTS, ...(r ?? {}) };
}

export function checkNvrModel(model: ModelFile): void {
  if (model.header.app !== 'nvr' || model.mlpSpec.nOutputDims !== 4 || model.gridSpec.nDims !== 3) {
    throw new NgpcInputError(
      `model is a ${model.header.app} model; --app nvr needs an NVR model (ngpc train --app nvr)`,
    );
  }
}

export interface NvrRenderSummary {
  app: 'nvr';
  out: string;
  widthPx: number;
  heightPx: number;
  camera: OrbitCamera;
  device: string;
  /** PSNR vs rendering the ground-truth volume with the same camera, when it can be rebuilt. */
  psnrDb: number | null;
  meanSamplesPerPixel: number;
}

/** Renders an NVR model (GPU field queries, or the CPU reference) and writes the PNG atomically. */
export async function renderNvrApp(
  ctx: GpuContext | null,
  model: ModelFile,
  opts: { widthPx: number; heightPx: number; camera?: OrbitCamera; out: string },
): Promise<NvrRenderSummary> {
  checkNvrModel(model);
  checkResolution(opts.widthPx, opts.heightPx);
  const camera = opts.camera ?? DEFAULT_ORBIT_CAMERA;
  const settings = nvrRenderSettings(model);
  const field = ctx ? gpuFieldQuery(ctx, model) : { query: cpuFieldQuery(model), destroy: () => {} };
  let marched: Awaited<ReturnType<typeof marchVolume>>;
  try {
    marched = await marchVolume(field.query, camera, opts.widthPx, opts.heightPx, settings);
  } finally {
    field.destroy();
  }
  let psnr: number | null = null;
  const volume = nvrSceneVolume(model.header.scene);
  if (volume) {
    const truth = await marchVolume(
      async (p) => sampleVolume(volume, p),
      camera,
      opts.widthPx,
      opts.heightPx,
      settings,
    );
    psnr = psnrDb(imageMse(marched.image, truth.image));
  }
  writePngImage(opts.out, marched.image);
  let total = 0;
  for (const s of marched.samplesPerPixel) total += s;
  return {
    app: 'nvr',
    out: opts.out,
    widthPx: opts.widthPx,
    heightPx: opts.heightPx,
    camera,
    device: ctx ? ctx.adapterName : 'cpu reference',
    psnrDb: psnr,
    meanSamplesPerPixel: total / marched.samplesPerPixel.length,
  };
}

/** One frame's measured workload: samples composited per pixel (marched samples with early termination). */
export async function profileNvr(
  ctx: GpuContext,
  model: ModelFile,
  widthPx: number,
  heightPx: number,
  source: string,
  camera: OrbitCamera = DEFAULT_ORBIT_CAMERA,
): Promise<MeasuredWorkload> {
  checkNvrModel(model);
  checkResolution(widthPx, heightPx);
  const field = gpuFieldQuery(ctx, model);
  try {
    const m = await marchVolume(field.query, camera, widthPx, heightPx, nvrRenderSettings(model));
    return summariseWorkload(
      'nvr',
      model,
      widthPx,
      heightPx,
      m.samplesPerPixel,
      m.samplePositions,
      3,
      source,
    );
  } finally {
    field.destroy();
  }
}
