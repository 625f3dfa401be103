// The CLI glue NVR and NSDF share: a 3-D field app trained on sampled batches, then traced from an orbit camera.
import { OptionError } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { adamToJson } from '../../train/adam.ts';
import { type ModelFile, writeModelFile } from '../../train/modelFile.ts';
import { type FieldFitOptions, fitField } from './fieldFit.ts';
import { cpuFieldQuery, type FieldQuery, gpuFieldQuery } from './fieldQuery.ts';
import { DEFAULT_ORBIT_CAMERA, type OrbitCamera } from './orbitCamera.ts';
import { checkResolution } from './pixelGrid.ts';
import { type MeasuredWorkload, summariseWorkload } from './workloadProfile.ts';

/** Which app a model must come from: its header `app`, its name in messages and its network's output width. */
export interface FieldAppKind<A extends string> {
  app: A;
  /** Upper-case name for messages (NVR, NSDF). */
  label: string;
  nOutputDims: number;
}

/** Rejects a model of another app (or of the wrong shape) with the command that makes the right one. */
export function checkFieldModel(model: ModelFile, kind: FieldAppKind<string>): void {
  if (
    model.header.app !== kind.app ||
    model.mlpSpec.nOutputDims !== kind.nOutputDims ||
    model.gridSpec.nDims !== 3
  ) {
    throw OptionError.worded(
      'app',
      (n) =>
        `model is a ${model.header.app} model; ${n('app')} ${kind.app} needs an ${kind.label} model (ngpc train --app ${kind.app})`,
    );
  }
}

/** Runs `use` on a model's field (GPU queries, or the CPU reference when `ctx` is null), freeing GPU buffers after. */
export async function withModelField<T>(
  ctx: GpuContext | null,
  model: ModelFile,
  use: (query: FieldQuery) => Promise<T>,
): Promise<T> {
  const field = ctx ? gpuFieldQuery(ctx, model) : { query: cpuFieldQuery(model), destroy: () => {} };
  try {
    return await use(field.query);
  } finally {
    field.destroy();
  }
}

export interface FieldTrainRun {
  steps: number;
  batchSize: number;
  seed: number;
  out: string;
  date?: string;
  /** Wall clock in seconds (the CLI passes one; the library never reads a clock). */
  clockS?: () => number;
}

/** The summary fields every field app reports after training; the app's own figures stand before `nParams`. */
export interface FieldTrainSummary<A extends string> {
  app: A;
  out: string;
  adapter: string;
  steps: number;
  batchSize: number;
  trainS: number | null;
  lastBatchLoss: number;
  nParams: number;
}

/** What one app trains and how it measures the result; `M` is its measurement of the trained field. */
export interface FieldTraining<A extends string, M, S> {
  app: A;
  fit: Pick<FieldFitOptions, 'gridSpec' | 'mlpSpec' | 'adam' | 'loss' | 'sampler' | 'onProgress'>;
  /** How batches are drawn, for the model header. */
  sampling: string;
  /** Measures the trained field through GPU queries (before the model file is written). */
  evaluate: (query: FieldQuery) => Promise<M>;
  /** The header's scene. */
  scene: Record<string, unknown>;
  /** The header's metrics (the loss curve is appended). */
  metrics: (m: M) => Record<string, unknown>;
  /** The app's own summary figures. */
  summary: (m: M) => S;
}

/** Trains a field app, measures it and writes the model file atomically (nothing is written on failure). */
export async function trainFieldApp<A extends string, M, S>(
  ctx: GpuContext,
  t: FieldTraining<A, M, S>,
  run: FieldTrainRun,
): Promise<Omit<FieldTrainSummary<A>, 'nParams'> & S & { nParams: number }> {
  const t0 = run.clockS?.() ?? null;
  const { gridSpec, mlpSpec, adam, loss } = t.fit;
  const result = await fitField(ctx, {
    ...t.fit,
    steps: run.steps,
    batchSize: run.batchSize,
    seed: run.seed,
  });
  const trainS = t0 === null ? null : run.clockS!() - t0;
  const measured = await withModelField(
    ctx,
    { gridSpec, mlpSpec, params: result.params } as ModelFile,
    t.evaluate,
  );
  const lastBatchLoss = result.lossCurve.at(-1)?.[1] ?? Number.NaN;
  writeModelFile(run.out, gridSpec, mlpSpec, result.params, {
    app: t.app,
    nDims: 3,
    optimizer: adamToJson(adam),
    loss,
    training: {
      steps: run.steps,
      batchSize: run.batchSize,
      seed: run.seed,
      sampling: t.sampling,
      adapter: ctx.adapterName,
      ...(trainS === null ? {} : { trainS: Number(trainS.toFixed(1)) }),
    },
    scene: t.scene,
    metrics: {
      ...t.metrics(measured),
      lossCurve: result.lossCurve.map(([s, l]) => [s, Number(l.toPrecision(5))]),
    },
    weights: adam.emaDecay === null ? 'master' : 'ema',
    ...(run.date ? { date: run.date } : {}),
  });
  return {
    app: t.app,
    out: run.out,
    adapter: ctx.adapterName,
    steps: run.steps,
    batchSize: run.batchSize,
    trainS: trainS === null ? null : Number(trainS.toFixed(1)),
    lastBatchLoss,
    ...t.summary(measured),
    nParams: result.params.grid.length + result.params.mlp.length,
  };
}

export interface FieldRenderOptions {
  widthPx: number;
  heightPx: number;
  camera?: OrbitCamera;
  out: string;
}

/** The render summary fields every field app reports; the app's own figures follow. */
export interface FieldRenderSummary<A extends string> {
  app: A;
  out: string;
  widthPx: number;
  heightPx: number;
  camera: OrbitCamera;
  device: string;
}

/** Checks the model and resolution, then traces one frame of it with `trace` (GPU, or the CPU reference). */
export async function traceFieldFrame<A extends string, R>(
  kind: FieldAppKind<A>,
  ctx: GpuContext | null,
  model: ModelFile,
  opts: FieldRenderOptions,
  trace: (query: FieldQuery, camera: OrbitCamera) => Promise<R>,
): Promise<{ frame: R; summary: FieldRenderSummary<A> }> {
  checkFieldModel(model, kind);
  checkResolution(opts.widthPx, opts.heightPx);
  const camera = opts.camera ?? DEFAULT_ORBIT_CAMERA;
  const frame = await withModelField(ctx, model, (query) => trace(query, camera));
  return {
    frame,
    summary: {
      app: kind.app,
      out: opts.out,
      widthPx: opts.widthPx,
      heightPx: opts.heightPx,
      camera,
      device: ctx ? ctx.adapterName : 'cpu reference',
    },
  };
}

/** Mean of per-pixel counts (queries or samples). */
export function meanPerPixel(counts: Uint32Array): number {
  let total = 0;
  for (const c of counts) total += c;
  return total / counts.length;
}

/** One frame's measured workload: `trace` gives the field queries per pixel and the positions queried. */
export async function profileFieldApp(
  kind: FieldAppKind<string>,
  ctx: GpuContext,
  model: ModelFile,
  widthPx: number,
  heightPx: number,
  source: string,
  trace: (query: FieldQuery) => Promise<{ perPixel: Uint32Array; samplePositions: Float32Array }>,
): Promise<MeasuredWorkload> {
  checkFieldModel(model, kind);
  checkResolution(widthPx, heightPx);
  const t = await withModelField(ctx, model, trace);
  return summariseWorkload(kind.app, model, widthPx, heightPx, t.perPixel, t.samplePositions, 3, source);
}
