// NSDF end to end for the CLI: resolve the shape or mesh, train and write a model file; render a model; profile a frame.
import { seededRng } from '../../encoding/rng.ts';
import { NgpcInputError } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { writePngImage } from '../../io/png.ts';
import { adamToJson } from '../../train/adam.ts';
import { type ModelFile, writeModelFile } from '../../train/modelFile.ts';
import { type BatchSampler, fitField } from '../fieldFit.ts';
import { cpuFieldQuery, type FieldQuery, gpuFieldQuery } from '../fieldQuery.ts';
import { checkResolution } from '../gia/giaRender.ts';
import { DEFAULT_ORBIT_CAMERA, type OrbitCamera } from '../orbitCamera.ts';
import { type MeasuredWorkload, summariseWorkload } from '../workloadProfile.ts';
import { nsdfAdamSpec, nsdfGridSpec, nsdfMlpSpec } from './nsdfConfig.ts';
import { sphereTrace } from './nsdfRender.ts';
import { nearSurfaceSamples, objTarget, type SdfTarget, sdfSamples, shapeTarget } from './sdfTarget.ts';

export interface NsdfTarget {
  sdf: SdfTarget;
  scene: Record<string, unknown>;
}

/** `--shape NAME` (built in) or `--mesh FILE.obj`, exactly one. */
export function nsdfTarget(shape: string | undefined, mesh: string | undefined): NsdfTarget {
  if ((shape === undefined) === (mesh === undefined)) {
    throw new NgpcInputError(
      '--app nsdf needs exactly one of --shape NAME (sphere, torus, box, csg) or --mesh FILE.obj',
    );
  }
  if (shape !== undefined) return { sdf: shapeTarget(shape), scene: { shape } };
  return { sdf: objTarget(mesh!), scene: { mesh } };
}

/** The ground truth a model was trained on, rebuilt from its scene; null when it cannot be (a moved mesh). */
export function nsdfSceneTarget(scene: Record<string, unknown>): SdfTarget | null {
  try {
    return nsdfTarget(scene.shape as string | undefined, scene.mesh as string | undefined).sdf;
  } catch {
    return null;
  }
}

/** Training points per pool: batches are drawn from a pool of exact samples computed once (the BVH is on the CPU). */
export const NSDF_POOL_POINTS = 1 << 18;

/** Batches drawn uniformly from a pool of instant-ngp-distributed samples (kernels.md §6). */
export function nsdfSampler(target: SdfTarget, seed: number, poolPoints = NSDF_POOL_POINTS): BatchSampler {
  const pool = sdfSamples(target, seededRng(seed + 3), poolPoints);
  return (rng, positions, targets) => {
    for (let i = 0; i < targets.length; i++) {
      const j = Math.min(poolPoints - 1, Math.floor(rng.next() * poolPoints));
      positions[3 * i] = pool.positions[3 * j]!;
      positions[3 * i + 1] = pool.positions[3 * j + 1]!;
      positions[3 * i + 2] = pool.positions[3 * j + 2]!;
      targets[i] = pool.distances[j]!;
    }
  };
}

/** Mean |predicted − exact| SDF over points near the surface, in unit-cube lengths and as a fraction of the bbox side. */
export async function nsdfSurfaceError(
  query: FieldQuery,
  target: SdfTarget,
  nPoints = 1 << 14,
  seed = 7,
): Promise<{ meanAbsError: number; fractionOfBbox: number; bandMeanAbsError: number }> {
  const s = nearSurfaceSamples(target, seededRng(seed), nPoints);
  const pred = await query(s.positions);
  let sum = 0;
  for (let i = 0; i < nPoints; i++) sum += Math.abs(pred[i]! - s.distances[i]!);
  const meanAbsError = sum / nPoints;
  // A wider view: uniform points within BAND of the surface.
  const rng = seededRng(seed + 1);
  const band = new Float32Array(nPoints * 3);
  const bandDist = new Float32Array(nPoints);
  for (let n = 0; n < nPoints; ) {
    const p = [rng.next(), rng.next(), rng.next()];
    const d = target.distance(p[0]!, p[1]!, p[2]!);
    if (Math.abs(d) > NSDF_ERROR_BAND) continue;
    band.set(p, 3 * n);
    bandDist[n++] = d;
  }
  const bandPred = await query(band);
  let bandSum = 0;
  for (let i = 0; i < nPoints; i++) bandSum += Math.abs(bandPred[i]! - bandDist[i]!);
  return {
    meanAbsError,
    fractionOfBbox: meanAbsError / target.bboxSideLength,
    bandMeanAbsError: bandSum / nPoints,
  };
}

/** Half-width of the band (unit-cube lengths) the second error figure averages over uniformly. */
export const NSDF_ERROR_BAND = 0.05;

export interface NsdfTrainRun {
  steps: number;
  batchSize: number;
  seed: number;
  out: string;
  date?: string;
  /** Exact samples precomputed to draw batches from (default NSDF_POOL_POINTS). */
  poolPoints?: number;
  /** Points each error figure averages over (default 2^14). */
  evalPoints?: number;
  onProgress?: (p: { step: number; steps: number; loss: number }) => void;
  clockS?: () => number;
}

export interface NsdfTrainSummary {
  app: 'nsdf';
  out: string;
  adapter: string;
  steps: number;
  batchSize: number;
  trainS: number | null;
  lastBatchLoss: number;
  /** Mean |SDF error| near the surface, unit-cube lengths. */
  meanAbsError: number;
  /** The same over the shape's bounding-box side (the "1 % of the bounding box"). */
  errorFractionOfBbox: number;
  /** Mean |SDF error| of uniform points within NSDF_ERROR_BAND of the surface. */
  bandMeanAbsError: number;
  nParams: number;
}

/** Trains NSDF on `target` (MAPE loss) and writes the model file atomically. */
export async function trainNsdfApp(
  ctx: GpuContext,
  target: NsdfTarget,
  run: NsdfTrainRun,
): Promise<NsdfTrainSummary> {
  const t0 = run.clockS?.() ?? null;
  const gridSpec = nsdfGridSpec();
  const mlpSpec = nsdfMlpSpec(gridSpec.nLevels * gridSpec.nFeaturesPerLevel);
  const adam = nsdfAdamSpec();
  const result = await fitField(ctx, {
    gridSpec,
    mlpSpec,
    adam,
    loss: 'MAPE',
    steps: run.steps,
    batchSize: run.batchSize,
    seed: run.seed,
    sampler: nsdfSampler(target.sdf, run.seed, run.poolPoints),
    onProgress: run.onProgress,
  });
  const trainS = t0 === null ? null : run.clockS!() - t0;
  const field = gpuFieldQuery(ctx, { gridSpec, mlpSpec, params: result.params } as ModelFile);
  let err: Awaited<ReturnType<typeof nsdfSurfaceError>>;
  try {
    err = await nsdfSurfaceError(field.query, target.sdf, run.evalPoints);
  } finally {
    field.destroy();
  }
  const lastBatchLoss = result.lossCurve.at(-1)?.[1] ?? Number.NaN;
  writeModelFile(run.out, gridSpec, mlpSpec, result.params, {
    app: 'nsdf',
    nDims: 3,
    optimizer: adamToJson(adam),
    loss: 'MAPE',
    training: {
      steps: run.steps,
      batchSize: run.batchSize,
      seed: run.seed,
      sampling: `4/8 surface, 2/8 surface + logistic noise (instant-ngp scale), 1/8 with 16× that noise, 1/8 uniform; a pool of ${run.poolPoints ?? NSDF_POOL_POINTS} exact samples`,
      adapter: ctx.adapterName,
      ...(trainS === null ? {} : { trainS: Number(trainS.toFixed(1)) }),
    },
    scene: { ...target.scene, bboxSideLength: target.sdf.bboxSideLength },
    metrics: {
      nearSurfaceMeanAbsError: Number(err.meanAbsError.toPrecision(4)),
      nearSurfaceErrorFractionOfBbox: Number(err.fractionOfBbox.toPrecision(4)),
      bandMeanAbsError: Number(err.bandMeanAbsError.toPrecision(4)),
      errorBand: NSDF_ERROR_BAND,
      lossCurve: result.lossCurve.map(([s, l]) => [s, Number(l.toPrecision(5))]),
    },
    weights: adam.emaDecay === null ? 'master' : 'ema',
    ...(run.date ? { date: run.date } : {}),
  });
  return {
    app: 'nsdf',
    out: run.out,
    adapter: ctx.adapterName,
    steps: run.steps,
    batchSize: run.batchSize,
    trainS: trainS === null ? null : Number(trainS.toFixed(1)),
    lastBatchLoss,
    meanAbsError: err.meanAbsError,
    errorFractionOfBbox: err.fractionOfBbox,
    bandMeanAbsError: err.bandMeanAbsError,
    nParams: result.params.grid.length + result.params.mlp.length,
  };
}

export function checkNsdfModel(model: ModelFile): void {
  if (model.header.app !== 'nsdf' || model.mlpSpec.nOutputDims !== 1 || model.gridSpec.nDims !== 3) {
    throw new NgpcInputError(
      `model is a ${model.header.app} model; --app nsdf needs an NSDF model (ngpc train --app nsdf)`,
    );
  }
}

export interface NsdfRenderSummary {
  app: 'nsdf';
  out: string;
  widthPx: number;
  heightPx: number;
  camera: OrbitCamera;
  device: string;
  hitPixels: number;
  meanQueriesPerPixel: number;
}

/** Sphere-traces an NSDF model (GPU field queries, or the CPU reference) and writes the PNG atomically. */
export async function renderNsdfApp(
  ctx: GpuContext | null,
  model: ModelFile,
  opts: { widthPx: number; heightPx: number; camera?: OrbitCamera; out: string },
): Promise<NsdfRenderSummary> {
  checkNsdfModel(model);
  checkResolution(opts.widthPx, opts.heightPx);
  const camera = opts.camera ?? DEFAULT_ORBIT_CAMERA;
  const field = ctx ? gpuFieldQuery(ctx, model) : { query: cpuFieldQuery(model), destroy: () => {} };
  let traced: Awaited<ReturnType<typeof sphereTrace>>;
  try {
    traced = await sphereTrace(field.query, camera, opts.widthPx, opts.heightPx);
  } finally {
    field.destroy();
  }
  writePngImage(opts.out, traced.image);
  let total = 0;
  for (const q of traced.queriesPerPixel) total += q;
  return {
    app: 'nsdf',
    out: opts.out,
    widthPx: opts.widthPx,
    heightPx: opts.heightPx,
    camera,
    device: ctx ? ctx.adapterName : 'cpu reference',
    hitPixels: traced.hits,
    meanQueriesPerPixel: total / traced.queriesPerPixel.length,
  };
}

/** One frame's measured workload: SDF queries per pixel (tracing steps + 6 for the normal of a hit). */
export async function profileNsdf(
  ctx: GpuContext,
  model: ModelFile,
  widthPx: number,
  heightPx: number,
  source: string,
  camera: OrbitCamera = DEFAULT_ORBIT_CAMERA,
): Promise<MeasuredWorkload> {
  checkNsdfModel(model);
  checkResolution(widthPx, heightPx);
  const field = gpuFieldQuery(ctx, model);
  try {
    const t = await sphereTrace(field.query, camera, widthPx, heightPx);
    return summariseWorkload(
      'nsdf',
      model,
      widthPx,
      heightPx,
      t.queriesPerPixel,
      t.samplePositions,
      3,
      source,
    );
  } finally {
    field.destroy();
  }
}
