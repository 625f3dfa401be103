// Published numbers the model is compared with: calibration targets (paper §2) and reproduce rows (§2 and §4).
import { z } from 'zod';
import { APP_NAMES, ENCODING_NAMES } from './app.ts';
import { profileNameSchema } from './profile.ts';
import { doc, source, version } from './schema.ts';

const app = doc(z.enum(APP_NAMES, { error: `expected one of ${APP_NAMES.join(', ')}` }), 'application');
const encoding = doc(
  z.enum(ENCODING_NAMES, { error: `expected one of ${ENCODING_NAMES.join(', ')}` }),
  'input encoding',
);
const resolution = doc(z.string().min(1), 'display resolution: 1080p, 4k, 8k or WxH');
const ngpc = doc(
  z.string().regex(/^ngpc-\d+$/, { error: 'expected an NGPC preset name such as "ngpc-8"' }),
  'NGPC preset',
);
const apps = doc(z.array(app).min(1).optional(), 'apps averaged over (default: all four)');
const group = z.enum(['encoding', 'mlp', 'rest']);

/** Quantities measured on the baseline GPU alone: the only kinds calibration may use. */
export const BASELINE_METRIC_KINDS = ['share', 'frameSeconds', 'gap'] as const;

const baselineMetrics = [
  /** Mean over apps of the frame share of the named kernel groups, in %. */
  z.strictObject({
    kind: doc(z.literal('share'), 'metric kind'),
    encoding,
    groups: doc(z.array(group).min(1), 'kernel groups whose frame shares are summed'),
    resolution,
    apps,
  }),
  /** Frame time of one app, in ms. */
  z.strictObject({ kind: doc(z.literal('frameSeconds'), 'metric kind'), app, encoding, resolution }),
  /** Frame time × target FPS (how far from the target frame rate), the min or max over apps, as a factor. */
  z.strictObject({
    kind: doc(z.literal('gap'), 'metric kind'),
    encoding,
    resolution,
    fps: doc(z.number().positive(), 'target frame rate of the gap'),
    reduce: doc(z.enum(['min', 'max']), 'min or max over the apps'),
    apps,
  }),
] as const;

const ngpcMetrics = [
  /** Mean over apps of the end-to-end speedup of GPU + NGPC over the GPU alone. */
  z.strictObject({ kind: doc(z.literal('meanSpeedup'), 'metric kind'), encoding, ngpc, resolution, apps }),
  z.strictObject({ kind: doc(z.literal('maxSpeedup'), 'metric kind'), encoding, ngpc, resolution, apps }),
  /** Frames per second of one app with NGPC. */
  z.strictObject({ kind: doc(z.literal('fps'), 'metric kind'), app, encoding, ngpc, resolution }),
  /** NGPC area or power over the host GPU's die area or board power, in %. */
  z.strictObject({ kind: doc(z.literal('areaOverhead'), 'metric kind'), ngpc }),
  z.strictObject({ kind: doc(z.literal('powerOverhead'), 'metric kind'), ngpc }),
  /**
   * The AR/VR gap (docs/sources.md#paper-2): log10(energy per frame / (budget W / refresh Hz)) of one platform (the row's GPU,
   * alone or with an NGPC preset) over every app and every shipped target of the given classes, min or max.
   */
  z.strictObject({
    kind: doc(z.literal('targetGapOom'), 'metric kind'),
    targetClasses: doc(z.array(z.enum(['desktop', 'vr', 'ar'])).min(1), 'device-target classes counted'),
    encoding,
    ngpc: doc(z.union([z.literal('none'), ngpc]).default('none'), 'NGPC preset, or "none" for the GPU alone'),
    reduce: doc(z.enum(['min', 'max']), 'min or max over the apps'),
    apps,
  }),
  /** A model parameter quoted from the paper (shown, not predicted). */
  z.strictObject({
    kind: doc(z.literal('parameter'), 'metric kind'),
    name: doc(z.enum(['restFusionSpeedup']), 'the parameter quoted'),
  }),
] as const;

export const baselineMetricSchema = z.discriminatedUnion('kind', baselineMetrics);
export const metricSchema = z.discriminatedUnion('kind', [...baselineMetrics, ...ngpcMetrics]);
export type BaselineMetric = z.output<typeof baselineMetricSchema>;
export type Metric = z.output<typeof metricSchema>;

function targetRow<M extends z.ZodType>(metric: M) {
  return z.strictObject({
    id: doc(
      z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a kebab-case id' }),
      'kebab-case row id',
    ),
    quantity: doc(z.string().min(1), 'what the row measures, in words'),
    /** The docs/sources.md#paper-1 section the number comes from. */
    section: doc(z.enum(['§2', '§4']), 'paper section of the published number'),
    paper: doc(z.number(), 'the published number'),
    /** oom: orders of magnitude (log10). */
    unit: doc(z.enum(['%', 'ms', 'x', 'fps', 'oom']), 'unit of `paper`'),
    /** within: |Δ| ≤ tolerance; atLeast: model ≥ paper·(1 − tolerance); atMost: model ≤ paper·(1 + tolerance). */
    comparison: doc(
      z.enum(['within', 'atLeast', 'atMost']).default('within'),
      'within (± tolerance), atLeast or atMost',
    ),
    tolerancePct: doc(z.number().min(0), 'allowed deviation in %'),
    gpu: doc(z.string().default('rtx3090'), 'GPU preset the row is evaluated on'),
    /** Relative weight in the calibration fit (ignored by reproduce). */
    weight: doc(z.number().positive().default(1), 'weight in the calibration objective'),
    metric: doc(metric, 'how the model computes the row'),
    source,
    /**
     * Where the model sits, per profile: Δ % recorded with its reason. `ngpc reproduce` exits 1 when a row moves
     * away from it (a model change shows), whether or not the row is within the paper's tolerance.
     */
    expectedDeviation: doc(
      z
        .partialRecord(
          profileNameSchema,
          z.strictObject({
            deltaPct: doc(z.number(), 'recorded deviation model / paper − 1, in %'),
            reason: doc(z.string().min(10, { error: 'expected the reason' }), 'why the model sits there'),
          }),
        )
        .optional(),
      'where the model sits per profile (Δ % and reason); reproduce exits 1 when a row moves',
    ),
  });
}

export const calibrationTargetSchema = targetRow(baselineMetricSchema);
export const reproduceRowSchema = targetRow(metricSchema);
export type CalibrationTarget = z.output<typeof calibrationTargetSchema>;
export type ReproduceRow = z.output<typeof reproduceRowSchema>;

/** configs/calibration/*.json: the baseline-GPU profile the efficiencies are fitted to (paper §2 only). */
export const calibrationFileSchema = z.strictObject({
  version,
  description: doc(z.string().optional(), 'what this file is, for readers'),
  gpu: doc(z.string(), 'GPU preset the row is evaluated on'),
  /** Efficiencies are searched in [min, max] (log-space Nelder–Mead from `initial`). */
  parameters: doc(
    z
      .array(
        z.strictObject({
          name: doc(z.enum(['l2', 'dram', 'tensor', 'alu', 'rest']), 'efficiency to fit'),
          initial: doc(z.number().positive().max(1), 'starting value of the fit'),
          min: doc(z.number().positive().max(1), 'lower bound of the fit'),
          max: doc(z.number().positive().max(1), 'upper bound of the fit'),
        }),
      )
      .min(1),
    'efficiencies the calibration fits, with bounds',
  ),
  targets: doc(
    z
      .array(calibrationTargetSchema)
      .min(1)
      .refine((rows) => rows.every((r) => r.section === '§2'), {
        error:
          'calibration targets must come from docs/sources.md#paper-2 (the baseline profile); §4 is validation only',
      }),
    'paper §2 targets the calibration fits',
  ),
});
export type CalibrationFile = z.output<typeof calibrationFileSchema>;

/** configs/reproduce/*.json: every published number the `reproduce` table shows (§2 rows come from calibration). */
export const reproduceFileSchema = z.strictObject({
  version,
  description: doc(z.string().optional(), 'what this file is, for readers'),
  /** Calibration-targets file (relative to this file) whose §2 rows open the table. */
  calibrationTargets: doc(z.string(), 'calibration-targets file (relative to this file)'),
  /** How far (percentage points of Δ) a row may move from its expected deviation before reproduce fails. */
  deviationTolerancePct: doc(
    z.number().positive().default(0.5),
    'allowed drift from expectedDeviation, in %',
  ),
  rows: doc(z.array(reproduceRowSchema).min(1), 'published numbers the reproduce table shows'),
});
export type ReproduceFile = z.output<typeof reproduceFileSchema>;
