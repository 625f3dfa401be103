// NSDF end to end for the CLI: resolve the shape or mesh, train and write a model file; render a model; profile a frame.
import { seededRng } from '../../encoding/rng.ts';
import { OptionError } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { writePngImage } from '../../io/png.ts';
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
import { DEFAULT_ORBIT_CAMERA, type OrbitCamera } from '../shared/orbitCamera.ts';
import type { MeasuredWorkload } from '../shared/workloadProfile.ts';
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
    throw OptionError.worded(
      'app',
      (n) =>
        `${n('app')} nsdf needs exactly one of ${n('shape')} NAME (sphere, torus, box, csg) or ${n('mesh')} FILE.obj`,
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

/** Batches drawn uniformly from a pool of instant-ngp-distributed samples (docs/sources.md#kernels-6). */
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

export interface NsdfTrainRun extends FieldTrainRun {
  /** Exact samples precomputed to draw batches from (default NSDF_POOL_POINTS). */
  poolPoints?: number;
  /** Points each error figure averages over (default 2^14). */
  evalPoints?: number;
  onProgress?: (p: { step: number; steps: number; loss: number }) => void;
}

export interface NsdfTrainSummary extends FieldTrainSummary<'nsdf'> {
  /** Mean |SDF error| near the surface, unit-cube lengths. */
  meanAbsError: number;
  /** The same over the shape's bounding-box side (the "1 % of the bounding box"). */
  errorFractionOfBbox: number;
  /** Mean |SDF error| of uniform points within NSDF_ERROR_BAND of the surface. */
  bandMeanAbsError: number;
}

const NSDF: FieldAppKind<'nsdf'> = { app: 'nsdf', label: 'NSDF', nOutputDims: 1 };

/** Trains NSDF on `target` (MAPE loss) and writes the model file atomically. */
export async function trainNsdfApp(
  ctx: GpuContext,
  target: NsdfTarget,
  run: NsdfTrainRun,
): Promise<NsdfTrainSummary> {
  const gridSpec = nsdfGridSpec();
  const mlpSpec = nsdfMlpSpec(gridSpec.nLevels * gridSpec.nFeaturesPerLevel);
  return trainFieldApp(
    ctx,
    {
      app: 'nsdf',
      fit: {
        gridSpec,
        mlpSpec,
        adam: nsdfAdamSpec(),
        loss: 'MAPE',
        sampler: nsdfSampler(target.sdf, run.seed, run.poolPoints),
        onProgress: run.onProgress,
      },
      sampling: `4/8 surface, 2/8 surface + logistic noise (instant-ngp scale), 1/8 with 16× that noise, 1/8 uniform; a pool of ${run.poolPoints ?? NSDF_POOL_POINTS} exact samples`,
      evaluate: (query) => nsdfSurfaceError(query, target.sdf, run.evalPoints),
      scene: { ...target.scene, bboxSideLength: target.sdf.bboxSideLength },
      metrics: (err) => ({
        nearSurfaceMeanAbsError: Number(err.meanAbsError.toPrecision(4)),
        nearSurfaceErrorFractionOfBbox: Number(err.fractionOfBbox.toPrecision(4)),
        bandMeanAbsError: Number(err.bandMeanAbsError.toPrecision(4)),
        errorBand: NSDF_ERROR_BAND,
      }),
      summary: (err) => ({
        meanAbsError: err.meanAbsError,
        errorFractionOfBbox: err.fractionOfBbox,
        bandMeanAbsError: err.bandMeanAbsError,
      }),
    },
    run,
  );
}

export function checkNsdfModel(model: ModelFile): void {
  checkFieldModel(model, NSDF);
}

export interface NsdfRenderSummary extends FieldRenderSummary<'nsdf'> {
  hitPixels: number;
  meanQueriesPerPixel: number;
}

/** Sphere-traces an NSDF model (GPU field queries, or the CPU reference) and writes the PNG atomically. */
export async function renderNsdfApp(
  ctx: GpuContext | null,
  model: ModelFile,
  opts: FieldRenderOptions,
): Promise<NsdfRenderSummary> {
  const { frame, summary } = await traceFieldFrame(NSDF, ctx, model, opts, (query, camera) =>
    sphereTrace(query, camera, opts.widthPx, opts.heightPx),
  );
  writePngImage(opts.out, frame.image);
  return { ...summary, hitPixels: frame.hits, meanQueriesPerPixel: meanPerPixel(frame.queriesPerPixel) };
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
  return profileFieldApp(NSDF, ctx, model, widthPx, heightPx, source, async (query) => {
    const t = await sphereTrace(query, camera, widthPx, heightPx);
    return { perPixel: t.queriesPerPixel, samplePositions: t.samplePositions };
  });
}
