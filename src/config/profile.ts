// Model profiles: `first-principles` (calibrated on the paper's §2 GPU profile only) and `paper-fit` (also fits
// parameters the paper does not give to a declared subset of its §4 results). Schemas of the fit declaration
// (configs/calibration/paper-fit.json) and of what `ngpc fit` writes (configs/calibration/paper-fit.result.json).
import { z } from 'zod';
import { NgpcInputError, OptionError, verbatim } from '../errors.ts';
import { loadConfig } from './load.ts';
import { AREA_METHODS, type AreaMethod, DATAFLOWS, type Dataflow } from './ngpc.ts';
import { doc, quantity, source, version } from './schema.ts';
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

const reason = doc(
  z.string().min(10, { error: 'expected the reason for the range (why it is physical)' }),
  'why: the physical argument for a range, or what the paper says for a reading',
);

function hypothesis<const T extends readonly [string, ...string[]]>(options: T) {
  return z.strictObject({
    options: doc(z.array(z.enum(options)).min(1), 'readings of the paper this hypothesis may take'),
    /** What the paper says and why each option is a possible reading. */
    reason,
  });
}

/** configs/calibration/paper-fit.json: what the paper-fit profile may fit, within which ranges, to which rows. */
export const paperFitSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  version,
  description: doc(z.string().optional(), 'what this file is, for readers'),
  /** The reproduce file whose rows are fitted (fitSet) or held out (every other row). */
  reproduce: doc(z.string().min(1), 'reproduce file whose rows are fitted and predicted'),
  /** The §2 calibration targets the GPU efficiencies are re-fitted to under each share reading. */
  calibrationTargets: doc(z.string().min(1), 'calibration-targets file (§2)'),
  /** Where `ngpc fit --write` records the result (relative to this file); never one of the inputs. */
  result: doc(z.string().min(1), 'file ngpc fit --write writes'),
  fitSet: z.strictObject({
    rows: doc(z.array(z.string().min(1)).min(1), 'reproduce row ids in the fit set'),
    /** Every fit row must end within this |Δ| (%) for the fit to count as a match. */
    maxResidualPct: doc(z.number().positive(), 'largest allowed |residual| of the fit, in %'),
    reason,
  }),
  parameters: z.strictObject({
    /** The NFP clock (paper §3: not given). */
    clock: z.strictObject({ min: quantity('hz'), max: quantity('hz'), reason }),
    /** A common factor on the assumed samples per pixel of the marched apps (paper: no scene named). */
    samplesPerPixelScale: doc(
      z.strictObject({
        min: doc(z.number().positive(), 'lower bound'),
        max: doc(z.number().positive(), 'upper bound'),
        apps: doc(z.array(z.enum(['nerf', 'nsdf', 'gia', 'nvr'])).min(1), 'apps the factor applies to'),
        reason,
      }),
      "factor on the apps' samples per pixel",
    ),
  }),
  hypotheses: z.strictObject({
    shareAggregation: doc(hypothesis(SHARE_AGGREGATIONS), 'how §2 shares are aggregated'),
    composition: doc(hypothesis(COMPOSITIONS), 'how NGPC and rest kernels compose in a frame'),
    mlpDataflow: doc(hypothesis(MLP_DATAFLOWS), 'MLP engine dataflow'),
    tableResidency: doc(hypothesis(TABLE_RESIDENCIES), 'whether grid tables stay resident'),
  }),
  /** Readings fixed in the paper-fit profile, not searched (e.g. the paper's own area method). */
  fixed: z.strictObject({
    areaMethod: doc(
      z.strictObject({ value: doc(z.enum(AREA_METHODS), 'area/power method'), source }),
      'area/power method held fixed',
    ),
  }),
  /** Search resolution: log-spaced grids, then golden-section refinement of the clock. */
  search: z.strictObject({
    /** minimax: the largest |relative residual| over the fit set; least-squares: their sum of squares. */
    objective: doc(z.enum(['minimax', 'least-squares']), 'fit objective'),
    objectiveReason: reason,
    samplesPerPixelScaleGridPoints: doc(
      z.number().int().min(2).max(200),
      'grid points over the samples-per-pixel range',
    ),
    clockGridPoints: doc(z.number().int().min(2).max(200), 'grid points over the clock range'),
    clockGoldenIterations: doc(
      z.number().int().min(0).max(200),
      'golden-section refinement steps of the clock',
    ),
  }),
});
export type PaperFitSpec = z.output<typeof paperFitSpecSchema>;

export const DEFAULT_PAPER_FIT_SPEC = configPath('calibration', 'paper-fit.json');

/** The shipped fit declaration, named by the store active now (defaults below are evaluated per call). */
export function paperFitSpecPath(): string {
  return configPath('calibration', 'paper-fit.json');
}

const efficiencies = z.strictObject({
  l2: doc(z.number(), 'fitted L2 efficiency'),
  dram: doc(z.number(), 'fitted DRAM efficiency'),
  tensor: doc(z.number(), 'fitted tensor efficiency'),
  alu: doc(z.number(), 'fitted ALU efficiency'),
  rest: doc(z.number(), 'fitted rest-kernel efficiency'),
});

/** One hypothesis combination's fit, as recorded by `ngpc fit`. */
export const fittedCombinationSchema = z.strictObject({
  hypotheses: z.strictObject({
    shareAggregation: doc(z.enum(SHARE_AGGREGATIONS), 'how §2 shares are aggregated'),
    composition: doc(z.enum(COMPOSITIONS), 'how NGPC and rest kernels compose in a frame'),
    mlpDataflow: doc(z.enum(MLP_DATAFLOWS), 'MLP engine dataflow'),
    tableResidency: doc(z.enum(TABLE_RESIDENCIES), 'whether grid tables stay resident'),
  }),
  values: doc(
    z.strictObject({
      clockHz: doc(z.number().positive(), 'fitted NFP clock, Hz'),
      samplesPerPixelScale: doc(z.number().positive(), "fitted factor on the apps' samples per pixel"),
    }),
    'fitted clock (Hz) and samples-per-pixel scale',
  ),
  /** Efficiencies re-fitted to §2 at this samples-per-pixel scale and share reading. */
  efficiencies,
  /** max |residual| (%) of the §2 calibration at these values. */
  calibrationMaxResidualPct: doc(z.number(), 'max |residual| of the §2 calibration at these values, %'),
  /** The declared objective over the fit set (max |model/paper − 1| or Σ of its squares), and the largest |Δ %|. */
  objective: doc(z.number(), 'fit objective'),
  fitMaxResidualPct: doc(z.number(), 'largest |Δ %| over the fit set'),
  residuals: doc(
    z.array(
      z.strictObject({
        id: doc(z.string(), 'reproduce row id'),
        paper: doc(z.number(), 'published value'),
        model: doc(z.number(), 'model value'),
        deltaPct: doc(z.number(), 'model / paper − 1, in %'),
      }),
    ),
    'each fit-set row: paper, model, Δ %',
  ),
  /** Parameters at a bound of their range (a finding, not a success). */
  atBound: doc(z.array(z.string()), 'parameters at a bound of their range'),
  /** Objective evaluations, grid and golden-section steps, final bracket of the clock (relative width). */
  convergence: z.strictObject({
    evaluations: doc(z.number().int(), 'objective evaluations'),
    sppGridPoints: doc(z.number().int(), 'samples-per-pixel grid points'),
    clockGridPoints: doc(z.number().int(), 'grid points over the clock range'),
    clockGoldenIterations: doc(z.number().int(), 'golden-section refinement steps of the clock'),
    clockBracketRelative: doc(z.number(), 'final clock bracket (relative width)'),
    /** Best objective at the neighbouring samples-per-pixel grid points (how sharp the minimum is). */
    neighbourObjectives: doc(z.array(z.number()), 'best objective at neighbouring grid points'),
  }),
});
export type FittedCombination = z.output<typeof fittedCombinationSchema>;

/** configs/calibration/paper-fit.result.json, written by `ngpc fit --write`. */
export const paperFitResultSchema = z.strictObject({
  $schema: z.string().optional(),
  version,
  description: doc(z.string(), 'what this file is, for readers'),
  fittedBy: doc(z.string(), 'command that wrote this file'),
  spec: doc(z.string(), 'the paper-fit spec file'),
  /** sha256 of the fit declaration, reproduce rows, calibration targets and model configs it read. */
  inputsHash: doc(z.string(), 'hash of the inputs; `ngpc fit --check` fails when it changes'),
  chosen: doc(fittedCombinationSchema, 'the combination chosen by fit residual'),
  /** How the chosen combination was chosen (fit residual only). */
  choice: doc(z.string(), 'why it was chosen'),
  combinations: doc(z.array(fittedCombinationSchema).min(1), 'every hypothesis combination, fitted'),
  leaveOneOut: doc(
    z.array(
      z.strictObject({
        heldOut: doc(z.string(), 'the held-out row'),
        values: doc(
          z.strictObject({
            clockHz: doc(z.number(), 'NFP clock fitted without the row, Hz'),
            samplesPerPixelScale: doc(z.number(), 'samples-per-pixel factor fitted without the row'),
          }),
          'fitted clock (Hz) and samples-per-pixel scale',
        ),
        paper: doc(z.number(), 'published value'),
        predicted: doc(z.number(), 'model prediction with the row held out'),
        deltaPct: doc(z.number(), 'model / paper − 1, in %'),
      }),
    ),
    'each fit-set row held out in turn',
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
