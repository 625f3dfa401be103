// Model profiles: `first-principles` (calibrated on the paper's §2 GPU profile only) and `paper-fit` (also fits
// parameters the paper does not give to a declared subset of its §4 results). Schemas of the fit declaration
// (configs/calibration/paper-fit.json) and of what `ngpc fit` writes (configs/calibration/paper-fit.result.json).
import { z } from 'zod';
import { NgpcInputError, OptionError, verbatim } from '../errors.ts';
import { loadConfig } from './load.ts';
import { AREA_METHODS, type AreaMethod, DATAFLOWS, type Dataflow } from './ngpc.ts';
import { quantity, source, version } from './schema.ts';
import { configPath, configStore } from './store.ts';

export const PROFILE_NAMES = ['first-principles', 'paper-fit'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export const DEFAULT_PROFILE: ProfileName = 'first-principles';

export const profileNameSchema = z.enum(PROFILE_NAMES, {
  error: `expected a model profile: ${PROFILE_NAMES.join(' or ')}`,
});

/** Checks a profile name given as the option `option`. */
export function checkProfileName(name: string, option = 'profile'): ProfileName {
  if ((PROFILE_NAMES as readonly string[]).includes(name)) return name as ProfileName;
  throw new OptionError(
    option,
    verbatim(JSON.stringify(name)),
    `expected a model profile: ${PROFILE_NAMES.join(' or ')}`,
  );
}

/** How the paper's single encoding + MLP shares aggregate the four apps (a reading of §2, not a fact). */
export const SHARE_AGGREGATIONS = ['mean-of-apps', 'pooled-time'] as const;
export type ShareAggregation = (typeof SHARE_AGGREGATIONS)[number];
/** Frame composition: NGPC batches overlapped with the GPU's fused rest kernels (paper's figure) or one after the other. */
export const COMPOSITIONS = ['overlapped', 'serial'] as const;
export type Composition = (typeof COMPOSITIONS)[number];
export const MLP_DATAFLOWS = DATAFLOWS;
export type MlpDataflow = Dataflow;
/** Grid tables reloaded into the SRAMs every frame, or resident across frames (a static scene). */
export const TABLE_RESIDENCIES = ['per-frame', 'resident'] as const;
export type TableResidency = (typeof TABLE_RESIDENCIES)[number];

export type { AreaMethod };

/** The discrete readings of the paper, each with the options `ngpc fit` tries. */
export interface Hypotheses {
  shareAggregation: ShareAggregation;
  composition: Composition;
  mlpDataflow: MlpDataflow;
  tableResidency: TableResidency;
}
export const HYPOTHESIS_NAMES = ['shareAggregation', 'composition', 'mlpDataflow', 'tableResidency'] as const;
export type HypothesisName = (typeof HYPOTHESIS_NAMES)[number];

const reason = z.string().min(10, { error: 'expected the reason for the range (why it is physical)' });

function hypothesis<const T extends readonly [string, ...string[]]>(options: T) {
  return z.strictObject({
    options: z.array(z.enum(options)).min(1),
    /** What the paper says and why each option is a possible reading. */
    reason,
  });
}

/** configs/calibration/paper-fit.json: what the paper-fit profile may fit, within which ranges, to which rows. */
export const paperFitSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  version,
  description: z.string().optional(),
  /** The reproduce file whose rows are fitted (fitSet) or held out (every other row). */
  reproduce: z.string().min(1),
  /** The §2 calibration targets the GPU efficiencies are re-fitted to under each share reading. */
  calibrationTargets: z.string().min(1),
  /** Where `ngpc fit --write` records the result (relative to this file); never one of the inputs. */
  result: z.string().min(1),
  fitSet: z.strictObject({
    rows: z.array(z.string().min(1)).min(1),
    /** Every fit row must end within this |Δ| (%) for the fit to count as a match. */
    maxResidualPct: z.number().positive(),
    reason,
  }),
  parameters: z.strictObject({
    /** The NFP clock (paper §3: not given). */
    clock: z.strictObject({ min: quantity('hz'), max: quantity('hz'), reason }),
    /** A common factor on the assumed samples per pixel of the marched apps (paper: no scene named). */
    samplesPerPixelScale: z.strictObject({
      min: z.number().positive(),
      max: z.number().positive(),
      apps: z.array(z.enum(['nerf', 'nsdf', 'gia', 'nvr'])).min(1),
      reason,
    }),
  }),
  hypotheses: z.strictObject({
    shareAggregation: hypothesis(SHARE_AGGREGATIONS),
    composition: hypothesis(COMPOSITIONS),
    mlpDataflow: hypothesis(MLP_DATAFLOWS),
    tableResidency: hypothesis(TABLE_RESIDENCIES),
  }),
  /** Readings fixed in the paper-fit profile, not searched (e.g. the paper's own area method). */
  fixed: z.strictObject({
    areaMethod: z.strictObject({ value: z.enum(AREA_METHODS), source }),
  }),
  /** Search resolution: log-spaced grids, then golden-section refinement of the clock. */
  search: z.strictObject({
    /** minimax: the largest |relative residual| over the fit set; least-squares: their sum of squares. */
    objective: z.enum(['minimax', 'least-squares']),
    objectiveReason: reason,
    samplesPerPixelScaleGridPoints: z.number().int().min(2).max(200),
    clockGridPoints: z.number().int().min(2).max(200),
    clockGoldenIterations: z.number().int().min(0).max(200),
  }),
});
export type PaperFitSpec = z.output<typeof paperFitSpecSchema>;

export const DEFAULT_PAPER_FIT_SPEC = configPath('calibration', 'paper-fit.json');

/** The shipped fit declaration, named by the store active now (defaults below are evaluated per call). */
export function paperFitSpecPath(): string {
  return configPath('calibration', 'paper-fit.json');
}

const efficiencies = z.strictObject({
  l2: z.number(),
  dram: z.number(),
  tensor: z.number(),
  alu: z.number(),
  rest: z.number(),
});

/** One hypothesis combination's fit, as recorded by `ngpc fit`. */
export const fittedCombinationSchema = z.strictObject({
  hypotheses: z.strictObject({
    shareAggregation: z.enum(SHARE_AGGREGATIONS),
    composition: z.enum(COMPOSITIONS),
    mlpDataflow: z.enum(MLP_DATAFLOWS),
    tableResidency: z.enum(TABLE_RESIDENCIES),
  }),
  values: z.strictObject({ clockHz: z.number().positive(), samplesPerPixelScale: z.number().positive() }),
  /** Efficiencies re-fitted to §2 at this samples-per-pixel scale and share reading. */
  efficiencies,
  /** max |residual| (%) of the §2 calibration at these values. */
  calibrationMaxResidualPct: z.number(),
  /** The declared objective over the fit set (max |model/paper − 1| or Σ of its squares), and the largest |Δ %|. */
  objective: z.number(),
  fitMaxResidualPct: z.number(),
  residuals: z.array(
    z.strictObject({ id: z.string(), paper: z.number(), model: z.number(), deltaPct: z.number() }),
  ),
  /** Parameters at a bound of their range (a finding, not a success). */
  atBound: z.array(z.string()),
  /** Objective evaluations, grid and golden-section steps, final bracket of the clock (relative width). */
  convergence: z.strictObject({
    evaluations: z.number().int(),
    sppGridPoints: z.number().int(),
    clockGridPoints: z.number().int(),
    clockGoldenIterations: z.number().int(),
    clockBracketRelative: z.number(),
    /** Best objective at the neighbouring samples-per-pixel grid points (how sharp the minimum is). */
    neighbourObjectives: z.array(z.number()),
  }),
});
export type FittedCombination = z.output<typeof fittedCombinationSchema>;

/** configs/calibration/paper-fit.result.json, written by `ngpc fit --write`. */
export const paperFitResultSchema = z.strictObject({
  $schema: z.string().optional(),
  version,
  description: z.string(),
  fittedBy: z.string(),
  spec: z.string(),
  /** sha256 of the fit declaration, reproduce rows, calibration targets and model configs it read. */
  inputsHash: z.string(),
  chosen: fittedCombinationSchema,
  /** How the chosen combination was chosen (fit residual only). */
  choice: z.string(),
  combinations: z.array(fittedCombinationSchema).min(1),
  leaveOneOut: z.array(
    z.strictObject({
      heldOut: z.string(),
      values: z.strictObject({ clockHz: z.number(), samplesPerPixelScale: z.number() }),
      paper: z.number(),
      predicted: z.number(),
      deltaPct: z.number(),
    }),
  ),
});
export type PaperFitResult = z.output<typeof paperFitResultSchema>;

/** The fit declaration (cached per file). */
export function loadPaperFitSpec(file = paperFitSpecPath()): PaperFitSpec {
  let spec = specCache.get(file);
  if (!spec) specCache.set(file, (spec = loadConfig(file, paperFitSpecSchema)));
  return spec;
}
const specCache = new Map<string, PaperFitSpec>();

/** Where the declaration's fit result lives. */
export function paperFitResultPath(specFile = paperFitSpecPath()): string {
  return configStore().beside(specFile, loadPaperFitSpec(specFile).result);
}

/** The recorded fit (`ngpc fit --write`); a missing file says how to make it. */
export function loadPaperFitResult(specFile = paperFitSpecPath()): PaperFitResult {
  const file = paperFitResultPath(specFile);
  if (!configStore().exists(file)) {
    throw new NgpcInputError(
      `${file}: missing: the paper-fit profile has not been fitted; run \`ngpc fit --write\``,
    );
  }
  return loadConfig(file, paperFitResultSchema);
}
