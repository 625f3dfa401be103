// Published numbers the model is compared with: calibration targets (paper §2) and reproduce rows (§2 and §4).
import { z } from 'zod';
import { APP_NAMES, ENCODING_NAMES } from './app.ts';
import { profileNameSchema } from './profile.ts';
import { source, version } from './schema.ts';

const app = z.enum(APP_NAMES, { error: `expected one of ${APP_NAMES.join(', ')}` });
const encoding = z.enum(ENCODING_NAMES, { error: `expected one of ${ENCODING_NAMES.join(', ')}` });
const resolution = z.string().min(1);
const ngpc = z.string().regex(/^ngpc-\d+$/, { error: 'expected an NGPC preset name such as "ngpc-8"' });
const apps = z.array(app).min(1).optional();
const group = z.enum(['encoding', 'mlp', 'rest']);

/** Quantities measured on the baseline GPU alone: the only kinds calibration may use. */
export const BASELINE_METRIC_KINDS = ['share', 'frameSeconds', 'gap'] as const;

const baselineMetrics = [
  /** Mean over apps of the frame share of the named kernel groups, in %. */
  z.strictObject({ kind: z.literal('share'), encoding, groups: z.array(group).min(1), resolution, apps }),
  /** Frame time of one app, in ms. */
  z.strictObject({ kind: z.literal('frameSeconds'), app, encoding, resolution }),
  /** Frame time × target FPS (how far from the target frame rate), the min or max over apps, as a factor. */
  z.strictObject({
    kind: z.literal('gap'),
    encoding,
    resolution,
    fps: z.number().positive(),
    reduce: z.enum(['min', 'max']),
    apps,
  }),
] as const;

const ngpcMetrics = [
  /** Mean over apps of the end-to-end speedup of GPU + NGPC over the GPU alone. */
  z.strictObject({ kind: z.literal('meanSpeedup'), encoding, ngpc, resolution, apps }),
  z.strictObject({ kind: z.literal('maxSpeedup'), encoding, ngpc, resolution, apps }),
  /** Frames per second of one app with NGPC. */
  z.strictObject({ kind: z.literal('fps'), app, encoding, ngpc, resolution }),
  /** NGPC area or power over the host GPU's die area or board power, in %. */
  z.strictObject({ kind: z.literal('areaOverhead'), ngpc }),
  z.strictObject({ kind: z.literal('powerOverhead'), ngpc }),
  /**
   * The AR/VR gap (docs/sources.md#paper-2): log10(energy per frame / (budget W / refresh Hz)) of one platform (the row's GPU,
   * alone or with an NGPC preset) over every app and every shipped target of the given classes, min or max.
   */
  z.strictObject({
    kind: z.literal('targetGapOom'),
    targetClasses: z.array(z.enum(['desktop', 'vr', 'ar'])).min(1),
    encoding,
    ngpc: z.union([z.literal('none'), ngpc]).default('none'),
    reduce: z.enum(['min', 'max']),
    apps,
  }),
  /** A model parameter quoted from the paper (shown, not predicted). */
  z.strictObject({ kind: z.literal('parameter'), name: z.enum(['restFusionSpeedup']) }),
] as const;

export const baselineMetricSchema = z.discriminatedUnion('kind', baselineMetrics);
export const metricSchema = z.discriminatedUnion('kind', [...baselineMetrics, ...ngpcMetrics]);
export type BaselineMetric = z.output<typeof baselineMetricSchema>;
export type Metric = z.output<typeof metricSchema>;

function targetRow<M extends z.ZodType>(metric: M) {
  return z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a kebab-case id' }),
    quantity: z.string().min(1),
    /** The docs/sources.md#paper-1 section the number comes from. */
    section: z.enum(['§2', '§4']),
    paper: z.number(),
    /** oom: orders of magnitude (log10). */
    unit: z.enum(['%', 'ms', 'x', 'fps', 'oom']),
    /** within: |Δ| ≤ tolerance; atLeast: model ≥ paper·(1 − tolerance); atMost: model ≤ paper·(1 + tolerance). */
    comparison: z.enum(['within', 'atLeast', 'atMost']).default('within'),
    tolerancePct: z.number().min(0),
    gpu: z.string().default('rtx3090'),
    /** Relative weight in the calibration fit (ignored by reproduce). */
    weight: z.number().positive().default(1),
    metric,
    source,
    /**
     * Where the model sits, per profile: Δ % recorded with its reason. `ngpc reproduce` exits 1 when a row moves
     * away from it (a model change shows), whether or not the row is within the paper's tolerance.
     */
    expectedDeviation: z
      .partialRecord(
        profileNameSchema,
        z.strictObject({
          deltaPct: z.number(),
          reason: z.string().min(10, { error: 'expected the reason' }),
        }),
      )
      .optional(),
  });
}

export const calibrationTargetSchema = targetRow(baselineMetricSchema);
export const reproduceRowSchema = targetRow(metricSchema);
export type CalibrationTarget = z.output<typeof calibrationTargetSchema>;
export type ReproduceRow = z.output<typeof reproduceRowSchema>;

/** configs/calibration/*.json: the baseline-GPU profile the efficiencies are fitted to (paper §2 only). */
export const calibrationFileSchema = z.strictObject({
  version,
  description: z.string().optional(),
  gpu: z.string(),
  /** Efficiencies are searched in [min, max] (log-space Nelder–Mead from `initial`). */
  parameters: z
    .array(
      z.strictObject({
        name: z.enum(['l2', 'dram', 'tensor', 'alu', 'rest']),
        initial: z.number().positive().max(1),
        min: z.number().positive().max(1),
        max: z.number().positive().max(1),
      }),
    )
    .min(1),
  targets: z
    .array(calibrationTargetSchema)
    .min(1)
    .refine((rows) => rows.every((r) => r.section === '§2'), {
      error:
        'calibration targets must come from docs/sources.md#paper-2 (the baseline profile); §4 is validation only',
    }),
});
export type CalibrationFile = z.output<typeof calibrationFileSchema>;

/** configs/reproduce/*.json: every published number the `reproduce` table shows (§2 rows come from calibration). */
export const reproduceFileSchema = z.strictObject({
  version,
  description: z.string().optional(),
  /** Calibration-targets file (relative to this file) whose §2 rows open the table. */
  calibrationTargets: z.string(),
  /** How far (percentage points of Δ) a row may move from its expected deviation before reproduce fails. */
  deviationTolerancePct: z.number().positive().default(0.5),
  rows: z.array(reproduceRowSchema).min(1),
});
export type ReproduceFile = z.output<typeof reproduceFileSchema>;
