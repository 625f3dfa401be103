// The one interface every app implements (`{ name, train, render, profile, workload }`), registered by name in
// src/apps/registry.ts as tiny-cuda-nn's factory registers encodings by `otype`. Requests carry option values as
// given (strings where the user typed text); each app parses its own and names bad ones by option (OptionError).
import type { AppConfig } from '../../config/app.ts';
import { loadApp } from '../../config/app.ts';
import { OptionError, verbatim } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { type ModelFile, readModelFile } from '../../train/modelFile.ts';
import { parseResolution } from '../../workload/resolution.ts';
import type { FieldRenderOptions } from './fieldApp.ts';
import { parseOrbitCamera } from './orbitCamera.ts';
import type { MeasuredWorkload } from './workloadProfile.ts';

/** One training step's report, for a progress display. */
export interface AppTrainProgress {
  step: number;
  loss: number;
  /** Where the app measures it (GIA, NeRF). */
  psnrDb?: number;
  /** NeRF: marched samples per ray. */
  samplesPerRay?: number;
}

/** What an app's result gives its caller: the summary (JSON output) and the lines a person reads. */
export interface AppResult<S> {
  summary: S;
  lines: string[];
}

/** Everything `train` may use; each app reads the inputs of its own scene and ignores the others. */
export interface AppTrainRequest {
  /** Scene options by name: gia `image` | `procedural`; nvr `volume`, `dims`; nsdf `shape` | `mesh`; nerf `synthetic` | `data`. */
  scene: Readonly<Record<string, string | undefined>>;
  steps: number;
  /** Points per step (field apps). */
  batch: number;
  /** NeRF: network samples per step. */
  samples: number;
  /** NeRF: held-out PSNR every N steps (0: only at the end). */
  evalEvery: number;
  seed: number;
  out: string;
  date?: string;
  /** The one clock, read by the caller. */
  clockS: () => number;
  gpu: () => Promise<GpuContext>;
  onProgress?: (p: AppTrainProgress) => void;
}

/** Everything `render` may use. */
export interface AppRenderRequest {
  /** Model file path. */
  model: string;
  /** WxH or a named resolution. */
  resolution: string;
  /** GIA viewport x0,y0,x1,y1. */
  view?: string;
  /** NVR/NSDF orbit camera; NeRF held-out view index or camera file. */
  camera?: string;
  /** NeRF renderer choice. */
  fused?: boolean;
  unfused?: boolean;
  out: string;
  /** The exact CPU reference instead of WebGPU (where the app has one). */
  cpu: boolean;
  gpu: () => Promise<GpuContext>;
}

/** Everything `profile` may use. */
export interface AppProfileRequest {
  model: string;
  /** WxH or a named resolution; NeRF takes a comma-separated list. */
  resolution: string;
  /** NeRF: the marching rules. */
  march?: string;
  /** NeRF: held-out view index or camera file. */
  camera?: string;
  /** Where the caller will write the workload (named in the lines); null: measured only, not written. */
  out: string | null;
  date?: string;
  gpu: () => Promise<GpuContext>;
  onProgress?: (done: number, total: number) => void;
}

/** A measured workload: written by the caller to `out` (unless null), in configs/workloads/ format. */
export type AppProfileResult = AppResult<MeasuredWorkload>;

/** One application of the accelerator: its name and its entry points. */
export interface NgpcApp {
  /** The registry key and `--app` value; also the name of its configs/apps/ preset. */
  name: string;
  /** Fits the app's neural field and writes the model file to `out`. */
  train(req: AppTrainRequest): Promise<AppResult<unknown>>;
  /** Renders a trained model to a PNG at `out`. */
  render(req: AppRenderRequest): Promise<AppResult<unknown>>;
  /** Measures what a frame of a trained model costs. */
  profile(req: AppProfileRequest): Promise<AppProfileResult>;
  /** The app's frame workload as the architectural model reads it (configs/apps/<name>.json). */
  workload(): AppConfig;
}

/** The workload entry of an app named `name`: its configs/apps/ preset. */
export function appWorkload(name: string): () => AppConfig {
  return () => loadApp(name);
}

/** Profile options only NeRF takes, refused for the other apps with the same words the CLI always used. */
export function refuseNerfProfileOptions(req: AppProfileRequest): void {
  if (req.march !== undefined) {
    throw new OptionError('march', req.march, (n) => `only ${n('app')} nerf is marched`);
  }
  if (req.camera !== undefined) {
    throw new OptionError('camera', req.camera, (n) => `only ${n('app')} nerf takes a camera`);
  }
}

/** The measurement date: the option, else the model's training date; an error when neither is there. */
export function profileDate(req: AppProfileRequest, modelDate: string | undefined): string {
  const date = req.date ?? modelDate;
  if (!date) {
    // Shown as the CLI always showed it (`--date undefined: needed: …`).
    const shown = req.date === undefined ? verbatim('undefined') : req.date;
    throw new OptionError('date', shown, `needed: ${req.model} records no training date`);
  }
  return date;
}

/** The line every app prints after training (the app's own metric goes in between). */
function trainedLines(
  summary: { out: string; nParams: number; steps: number; trainS: number | null; adapter: string },
  perStep: string,
  metric: string,
): string[] {
  return [
    `wrote ${summary.out}: ${summary.nParams} parameters, ${summary.steps} steps × ${perStep}`,
    metric,
    `trained in ${summary.trainS} s on ${summary.adapter}`,
  ];
}

/** What a profile says it did with its workload: `wrote <file>`, or `measured` when nothing was written. */
export function profiledWhere(out: string | null): string {
  return out === null ? 'measured' : `wrote ${out}`;
}

/** The line the field apps print after profiling. */
export function fieldProfileLines(
  out: string | null,
  workload: { samplesPerPixel: { value: number }; queriesPerFrame: number },
): string[] {
  return [
    `${profiledWhere(out)}: ${workload.samplesPerPixel.value} queries per pixel, ${workload.queriesPerFrame} per frame`,
  ];
}

/** The training options every field app (GIA, NSDF, NVR) takes from a request, in its own names. */
function fieldTrainOptions(req: AppTrainRequest) {
  return {
    steps: req.steps,
    batchSize: req.batch,
    seed: req.seed,
    out: req.out,
    date: req.date,
    clockS: req.clockS,
    onProgress: req.onProgress,
  };
}

/**
 * `train` of a field app (GIA, NSDF, NVR): fits `target` on the GPU with the request's training options and reports
 * what was written, then the app's quality line `metric`.
 */
export async function trainFieldRequest<
  T,
  S extends Parameters<typeof trainedLines>[0] & { batchSize: number },
>(
  req: AppTrainRequest,
  target: T,
  train: (ctx: GpuContext, target: T, run: ReturnType<typeof fieldTrainOptions>) => Promise<S>,
  metric: (summary: S) => string,
): Promise<AppResult<S>> {
  const summary = await train(await req.gpu(), target, fieldTrainOptions(req));
  return { summary, lines: trainedLines(summary, `${summary.batchSize} points`, metric(summary)) };
}

/**
 * `render` of an orbit-camera field app (NSDF, NVR): the resolution, `--camera` and model of the request, on the
 * GPU unless `--cpu`; `line` words what was written.
 */
export async function renderOrbitRequest<S>(
  req: AppRenderRequest,
  render: (ctx: GpuContext | null, model: ModelFile, opts: FieldRenderOptions) => Promise<S>,
  line: (summary: S) => string,
): Promise<AppResult<S>> {
  const res = parseResolution(req.resolution);
  const camera = req.camera === undefined ? undefined : parseOrbitCamera(req.camera);
  const model = readModelFile(req.model);
  const ctx = req.cpu ? null : await req.gpu();
  const summary = await render(ctx, model, {
    widthPx: res.widthPx,
    heightPx: res.heightPx,
    camera,
    out: req.out,
  });
  return { summary, lines: [line(summary)] };
}

/**
 * `profile` of a field app: refuses NeRF-only options, reads the model, and measures it at the requested
 * resolution with `measure`, under the source line `measured: <training adapter>, <date>`.
 */
export async function profileFieldRequest(
  req: AppProfileRequest,
  measure: (
    model: ModelFile,
    widthPx: number,
    heightPx: number,
    source: string,
  ) => MeasuredWorkload | Promise<MeasuredWorkload>,
): Promise<AppProfileResult> {
  refuseNerfProfileOptions(req);
  const res = parseResolution(req.resolution);
  const model = readModelFile(req.model);
  const date = profileDate(req, model.header.date);
  const adapter = String(model.header.training.adapter ?? 'unknown adapter');
  const workload = await measure(model, res.widthPx, res.heightPx, `measured: ${adapter}, ${date}`);
  return { summary: workload, lines: fieldProfileLines(req.out, workload) };
}
