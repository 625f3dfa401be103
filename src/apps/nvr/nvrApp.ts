// NVR end to end for the CLI: resolve the volume, train and write a model file; render a model to PNG; profile a frame.
import { OptionError } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { writePngImage } from '../../io/png.ts';
import { headerNumber, headerObject } from '../../train/headerValue.ts';
import { psnrDb } from '../../train/loss.ts';
import type { ModelFile } from '../../train/modelFile.ts';
import {
  checkFieldModel,
  type FieldAppKind,
  type FieldRenderOptions,
  type FieldRenderSummary,
  type FieldTrainRun,
  type FieldTrainSummary,
  meanPerPixel,
  profileFieldApp,
  traceFieldFrame,
  trainFieldApp,
} from '../shared/fieldApp.ts';
import type { BatchSampler } from '../shared/fieldFit.ts';
import type { FieldQuery } from '../shared/fieldQuery.ts';
import { imageMse } from '../shared/imageMse.ts';
import { DEFAULT_ORBIT_CAMERA, type OrbitCamera } from '../shared/orbitCamera.ts';
import type { MeasuredWorkload } from '../shared/workloadProfile.ts';
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
    throw OptionError.worded(
      'app',
      (n) =>
        `${n('app')} nvr needs ${n('volume')} NAME:SIZE (e.g. cloud:64) or ${n('volume')} FILE.raw ${n('dims')} XxYxZ`,
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

export interface NvrTrainRun extends FieldTrainRun {
  /** Resolution of the validation views (square). */
  evalSizePx?: number;
  onProgress?: (p: { step: number; steps: number; loss: number; psnrDb: number }) => void;
}

export interface NvrTrainSummary extends FieldTrainSummary<'nvr'> {
  /** Mean PSNR of rendered views of the model vs the same renders of the ground-truth volume. */
  viewPsnrDb: number;
}

const NVR: FieldAppKind<'nvr'> = { app: 'nvr', label: 'NVR', nOutputDims: 4 };

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
  const gridSpec = nvrGridSpec(Math.max(...target.volume.dims));
  const mlpSpec = nvrMlpSpec(gridSpec.nLevels * gridSpec.nFeaturesPerLevel);
  const settings = NVR_RENDER_DEFAULTS;
  const viewSizePx = run.evalSizePx ?? 128;
  return trainFieldApp(
    ctx,
    {
      app: 'nvr',
      fit: {
        gridSpec,
        mlpSpec,
        adam: nvrAdamSpec(),
        loss: 'L2',
        sampler: nvrSampler(target.volume),
        onProgress: (p) => run.onProgress?.({ ...p, psnrDb: psnrDb(p.loss) }),
      },
      sampling: 'uniform random positions in the unit cube; targets trilinear (albedo RGB, density)',
      evaluate: (query) => nvrViewPsnr(query, target.volume, viewSizePx, settings),
      scene: { ...target.scene, render: settings },
      metrics: (viewPsnrDb) => ({ viewPsnrDb: Number(viewPsnrDb.toFixed(3)), viewSizePx }),
      summary: (viewPsnrDb) => ({ viewPsnrDb }),
    },
    run,
  );
}

/**
 * The render settings a model records (the defaults for older files), each checked against bounds that keep a
 * render finite: at most 4096 steps per unit, a transmittance cut-off in (0, 1), background colours in [0, 1].
 */
export function nvrRenderSettings(model: ModelFile): NvrRenderSettings {
  const raw = model.header.scene.render;
  if (raw === undefined) return { ...NVR_RENDER_DEFAULTS };
  const r = headerObject(model.file, '$.scene.render', raw, 'NVR render settings');
  const at = (key: keyof NvrRenderSettings) => r[key] ?? NVR_RENDER_DEFAULTS[key];
  const bg = at('background');
  if (!Array.isArray(bg) || bg.length !== 3) {
    headerNumber(model.file, '$.scene.render.background', bg, { min: 0, max: 1 }); // throws: not a colour
  }
  return {
    sigmaScale: headerNumber(model.file, '$.scene.render.sigmaScale', at('sigmaScale'), { min: 0, max: 1e6 }),
    stepsPerUnit: headerNumber(model.file, '$.scene.render.stepsPerUnit', at('stepsPerUnit'), {
      min: 1,
      max: 4096,
    }),
    minTransmittance: headerNumber(model.file, '$.scene.render.minTransmittance', at('minTransmittance'), {
      min: 0,
      max: 1,
      exclusiveMin: true,
    }),
    background: (bg as unknown[]).map((c, i) =>
      headerNumber(model.file, `$.scene.render.background[${i}]`, c, { min: 0, max: 1 }),
    ) as [number, number, number],
  };
}

export function checkNvrModel(model: ModelFile): void {
  checkFieldModel(model, NVR);
}

export interface NvrRenderSummary extends FieldRenderSummary<'nvr'> {
  /** PSNR vs rendering the ground-truth volume with the same camera, when it can be rebuilt. */
  psnrDb: number | null;
  meanSamplesPerPixel: number;
}

/** Renders an NVR model (GPU field queries, or the CPU reference) and writes the PNG atomically. */
export async function renderNvrApp(
  ctx: GpuContext | null,
  model: ModelFile,
  opts: FieldRenderOptions,
): Promise<NvrRenderSummary> {
  // Checked before any work: an NVR model, with render settings in bounds.
  checkNvrModel(model);
  const settings = nvrRenderSettings(model);
  const { frame, summary } = await traceFieldFrame(NVR, ctx, model, opts, (query, camera) =>
    marchVolume(query, camera, opts.widthPx, opts.heightPx, settings),
  );
  let psnr: number | null = null;
  const volume = nvrSceneVolume(model.header.scene);
  if (volume) {
    const truth = await marchVolume(
      async (p) => sampleVolume(volume, p),
      summary.camera,
      opts.widthPx,
      opts.heightPx,
      settings,
    );
    psnr = psnrDb(imageMse(frame.image, truth.image));
  }
  writePngImage(opts.out, frame.image);
  return { ...summary, psnrDb: psnr, meanSamplesPerPixel: meanPerPixel(frame.samplesPerPixel) };
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
  const settings = nvrRenderSettings(model);
  return profileFieldApp(NVR, ctx, model, widthPx, heightPx, source, async (query) => {
    const m = await marchVolume(query, camera, widthPx, heightPx, settings);
    return { perPixel: m.samplesPerPixel, samplePositions: m.samplePositions };
  });
}
