// `ngpc fit`: the paper-fit profile. For every combination of the declared hypotheses, re-fit the GPU efficiencies
// to the §2 profile at each samples-per-pixel scale of a log grid, fit the NFP clock (log grid + golden section) to
// the declared fit set of §4 rows, choose the combination by fit residual alone, and refit without each fit row
// (leave-one-out). Deterministic: no random starts.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadGpu } from '../../config/gpu.ts';
import { loadConfig } from '../../config/load.ts';
import { configPath } from '../../config/paths.ts';
import {
  DEFAULT_PAPER_FIT_SPEC,
  type FittedCombination,
  HYPOTHESIS_NAMES,
  type Hypotheses,
  loadPaperFitSpec,
  type PaperFitResult,
  type PaperFitSpec,
} from '../../config/profile.ts';
import {
  type CalibrationFile,
  calibrationFileSchema,
  type ReproduceFile,
  type ReproduceRow,
  reproduceFileSchema,
} from '../../config/targets.ts';
import { ConfigError } from '../../errors.ts';
import { baselineContext, metricValue } from '../frame/metrics.ts';
import { type EfficiencyFit, fitEfficiencies } from '../gpu/calibrate.ts';
import { FIRST_PRINCIPLES, type ProfileSettings, paperFitSettings } from '../profile/settings.ts';
import { argmin, goldenSectionLog, logGrid } from './search.ts';

/** Continuous parameters the paper-fit profile fits (each declared with its range in the spec). */
export const FITTED_PARAMETERS = ['clock', 'samplesPerPixelScale'] as const;

export interface PaperFitInputs {
  specFile: string;
  spec: PaperFitSpec;
  reproduceFile: string;
  reproduce: ReproduceFile;
  calibrationFile: string;
  calibration: CalibrationFile;
  /** The reproduce rows fitted, in the spec's order. */
  fitRows: ReproduceRow[];
}

/** Loads the declaration and checks it against the rules: §4 rows only, published values never, fewer params. */
export function loadPaperFitInputs(specFile = DEFAULT_PAPER_FIT_SPEC): PaperFitInputs {
  const spec = loadPaperFitSpec(specFile);
  const reproduceFile = resolve(dirname(specFile), spec.reproduce);
  const reproduce = loadConfig(reproduceFile, reproduceFileSchema);
  const calibrationFile = resolve(dirname(specFile), spec.calibrationTargets);
  const calibration = loadConfig(calibrationFile, calibrationFileSchema);
  const issues: { path: string; message: string; value?: unknown }[] = [];
  const fitRows = spec.fitSet.rows.map((id, i) => {
    const row = reproduce.rows.find((r) => r.id === id);
    if (calibration.targets.some((t) => t.id === id)) {
      issues.push({
        path: `$.fitSet.rows[${i}]`,
        value: id,
        message:
          'expected a §4 result row: this is a §2 target, which the GPU calibration fits in both profiles',
      });
    } else if (!row) {
      issues.push({
        path: `$.fitSet.rows[${i}]`,
        value: id,
        message: `expected a row id of ${reproduceFile}: ${reproduce.rows.map((r) => r.id).join(', ')}`,
      });
    } else if (row.section !== '§4' || row.metric.kind === 'parameter') {
      issues.push({
        path: `$.fitSet.rows[${i}]`,
        value: id,
        message:
          'expected a §4 result row: §2 rows are the GPU calibration and quoted parameters are never fitted',
      });
    }
    return row!;
  });
  if (new Set(spec.fitSet.rows).size !== spec.fitSet.rows.length) {
    issues.push({ path: '$.fitSet.rows', message: 'expected each row once' });
  }
  if (spec.fitSet.rows.length <= FITTED_PARAMETERS.length) {
    issues.push({
      path: '$.fitSet.rows',
      value: spec.fitSet.rows.length,
      message: `expected more fit rows than fitted parameters (${FITTED_PARAMETERS.length})`,
    });
  }
  const { clock, samplesPerPixelScale } = spec.parameters;
  if (!(clock.min < clock.max)) issues.push({ path: '$.parameters.clock', message: 'expected min < max' });
  if (!(samplesPerPixelScale.min < samplesPerPixelScale.max)) {
    issues.push({ path: '$.parameters.samplesPerPixelScale', message: 'expected min < max' });
  }
  if (issues.length > 0) throw new ConfigError(specFile, issues);
  return { specFile, spec, reproduceFile, reproduce, calibrationFile, calibration, fitRows };
}

/** Every combination of the declared hypotheses, the first hypothesis varying slowest. */
export function hypothesisCombinations(spec: PaperFitSpec): Hypotheses[] {
  let combos: Partial<Hypotheses>[] = [{}];
  for (const name of HYPOTHESIS_NAMES) {
    const options = spec.hypotheses[name].options as string[];
    combos = combos.flatMap((c) => options.map((o) => ({ ...c, [name]: o })));
  }
  return combos as Hypotheses[];
}

/** A fit row's residual: relative error, one-sided for at-least / at-most rows. */
function rowResidual(row: ReproduceRow, model: number): number {
  const r = model / row.paper - 1;
  if (row.comparison === 'atLeast') return Math.min(0, r);
  if (row.comparison === 'atMost') return Math.max(0, r);
  return r;
}

const SIGNIFICANT = 6;
const sig = (x: number) => Number(x.toPrecision(SIGNIFICANT));

/** The fitting session: inputs plus caches shared by every combination (calibrations, evaluation count). */
export class PaperFitSession {
  private readonly calibrations = new Map<string, EfficiencyFit>();
  evaluations = 0;
  readonly gpu: string;
  /** Largest §2 tolerance: a calibration beyond it does not reproduce the paper's GPU profile. */
  readonly calibrationTolerancePct: number;

  constructor(readonly inputs: PaperFitInputs) {
    this.gpu = inputs.calibration.gpu;
    this.calibrationTolerancePct = Math.min(...inputs.calibration.targets.map((t) => t.tolerancePct));
  }

  /** GPU efficiencies re-fitted to §2 under a share reading and samples-per-pixel scale (memoised). */
  calibrationAt(h: Hypotheses, scale: number): EfficiencyFit {
    const key = `${h.shareAggregation}/${scale}`;
    let fit = this.calibrations.get(key);
    if (!fit) {
      const readings: ProfileSettings = {
        ...FIRST_PRINCIPLES,
        samplesPerPixelScale: scale,
        scaledApps: this.inputs.spec.parameters.samplesPerPixelScale.apps,
        shareAggregation: h.shareAggregation,
      };
      fit = fitEfficiencies(this.inputs.calibration, loadGpu(this.gpu), baselineContext(readings));
      this.calibrations.set(key, fit);
    }
    return fit;
  }

  settings(h: Hypotheses, clockHz: number, scale: number, source = 'ngpc fit: candidate'): ProfileSettings {
    const efficiencies = this.calibrationAt(h, scale).efficiencies;
    const values = { clockHz, samplesPerPixelScale: scale };
    return paperFitSettings(this.inputs.spec, this.gpu, { hypotheses: h, values, efficiencies }, source);
  }

  /** The declared objective over `rows` (max |residual| or Σ residual²) and each row's model value. */
  objective(
    rows: readonly ReproduceRow[],
    settings: ProfileSettings,
  ): { objective: number; models: number[] } {
    this.evaluations++;
    const models = rows.map((r) => metricValue(r.metric, r.gpu, settings));
    const residuals = rows.map((r, i) => rowResidual(r, models[i]!));
    const objective =
      this.inputs.spec.search.objective === 'minimax'
        ? Math.max(...residuals.map(Math.abs))
        : residuals.reduce((s, r) => s + r * r, 0);
    return { objective, models };
  }

  /** Best clock at one samples-per-pixel scale: log grid, then golden section around the best grid point. */
  private bestClock(h: Hypotheses, scale: number, rows: readonly ReproduceRow[]) {
    const { clock } = this.inputs.spec.parameters;
    const search = this.inputs.spec.search;
    const f = (hz: number) => this.objective(rows, this.settings(h, hz, scale)).objective;
    const grid = logGrid(clock.min, clock.max, search.clockGridPoints);
    const values = grid.map(f);
    const j = argmin(values);
    const g = goldenSectionLog(
      f,
      grid[Math.max(0, j - 1)]!,
      grid[Math.min(grid.length - 1, j + 1)]!,
      search.clockGoldenIterations,
    );
    return g.fx <= values[j]!
      ? g
      : { x: grid[j]!, fx: values[j]!, iterations: g.iterations, bracketRelative: g.bracketRelative };
  }

  /** Fits the two continuous parameters of one combination to `rows`. */
  fitCombination(h: Hypotheses, rows: readonly ReproduceRow[]): FittedCombination {
    const { spec } = this.inputs;
    const sp = spec.parameters.samplesPerPixelScale;
    const before = this.evaluations;
    const scales = logGrid(sp.min, sp.max, spec.search.samplesPerPixelScaleGridPoints);
    const atScale = scales.map((scale) => {
      const feasible = this.calibrationAt(h, scale).maxAbsResidualPct <= this.calibrationTolerancePct;
      return { scale, feasible, ...this.bestClock(h, scale, rows) };
    });
    // Only scales at which the §2 profile still calibrates count; if none does, the least-bad one is reported.
    const candidates = atScale.some((a) => a.feasible)
      ? atScale.map((a) => (a.feasible ? a.fx : Infinity))
      : atScale.map((a) => a.fx);
    const k = argmin(candidates);
    const best = atScale[k]!;
    const values = { clockHz: sig(best.x), samplesPerPixelScale: sig(best.scale) };
    const cal = this.calibrationAt(h, best.scale);
    const settings = this.settings(h, values.clockHz, best.scale);
    const { objective, models } = this.objective(rows, settings);
    const residuals = rows.map((r, i) => ({
      id: r.id,
      paper: r.paper,
      model: sig(models[i]!),
      deltaPct: sig((100 * (models[i]! - r.paper)) / r.paper),
    }));
    const { clock } = spec.parameters;
    const atBound: string[] = [];
    if (values.clockHz <= clock.min * 1.005 || values.clockHz >= clock.max / 1.005) atBound.push('clock');
    if (k === 0 || k === scales.length - 1) atBound.push('samplesPerPixelScale');
    // The §2 calibration bounds the factor too: a lower (or higher) grid scale no longer reproduces the GPU profile.
    else if (!atScale[k - 1]!.feasible || !atScale[k + 1]!.feasible) {
      atBound.push('samplesPerPixelScale (§2 calibration limit)');
    }
    return {
      hypotheses: h,
      values,
      efficiencies: cal.efficiencies,
      calibrationMaxResidualPct: sig(cal.maxAbsResidualPct),
      objective: sig(objective),
      fitMaxResidualPct: sig(Math.max(...residuals.map((r) => Math.abs(r.deltaPct)))),
      residuals,
      atBound,
      convergence: {
        evaluations: this.evaluations - before,
        sppGridPoints: scales.length,
        clockGridPoints: spec.search.clockGridPoints,
        clockGoldenIterations: best.iterations,
        clockBracketRelative: sig(best.bracketRelative),
        neighbourObjectives: [k - 1, k + 1]
          .filter((i) => i >= 0 && i < atScale.length)
          .map((i) => sig(atScale[i]!.fx)),
      },
    };
  }
}

/**
 * sha256 of everything the fit reads, so a stale recorded fit is detected. The reproduce and calibration files are
 * hashed without their recorded `expectedDeviation`s (recording where the fit lands must not make it stale).
 */
export function paperFitInputsHash(inputs: PaperFitInputs): string {
  const files = [inputs.specFile, inputs.reproduceFile, inputs.calibrationFile];
  for (const kind of ['apps', 'gpus', 'ngpc', 'frame']) {
    const dir = configPath(kind);
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort())
      files.push(join(dir, f));
  }
  const hash = createHash('sha256');
  const root = configPath();
  for (const f of files) {
    const json = JSON.parse(readFileSync(f, 'utf8')) as unknown;
    hash.update(relative(root, f));
    hash.update('\0');
    hash.update(JSON.stringify(json, (key, value) => (key === 'expectedDeviation' ? undefined : value)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export type PaperFitProgress = (done: number, total: number, label: string) => void;

/** Fits every combination, chooses by fit residual, and runs leave-one-out on the chosen one. */
export function runPaperFit(
  specFile = DEFAULT_PAPER_FIT_SPEC,
  onProgress?: PaperFitProgress,
): PaperFitResult {
  const inputs = loadPaperFitInputs(specFile);
  const session = new PaperFitSession(inputs);
  const combos = hypothesisCombinations(inputs.spec);
  const total = combos.length + inputs.fitRows.length;
  const combinations = combos.map((h, i) => {
    onProgress?.(i, total, Object.values(h).join(' / '));
    return session.fitCombination(h, inputs.fitRows);
  });
  const tolerance = session.calibrationTolerancePct;
  const feasible = combinations.filter((c) => c.calibrationMaxResidualPct <= tolerance);
  const pool = feasible.length > 0 ? feasible : combinations;
  const chosen = pool[argmin(pool.map((c) => c.objective))]!;
  const leaveOneOut = inputs.fitRows.map((row, i) => {
    onProgress?.(combos.length + i, total, `leave out ${row.id}`);
    const rest = inputs.fitRows.filter((r) => r !== row);
    const refit = session.fitCombination(chosen.hypotheses, rest);
    const settings = session.settings(
      chosen.hypotheses,
      refit.values.clockHz,
      refit.values.samplesPerPixelScale,
    );
    const predicted = metricValue(row.metric, row.gpu, settings);
    return {
      heldOut: row.id,
      values: refit.values,
      paper: row.paper,
      predicted: sig(predicted),
      deltaPct: sig((100 * (predicted - row.paper)) / row.paper),
    };
  });
  onProgress?.(total, total, 'done');
  return {
    $schema: '../schema/paper-fit-result.schema.json',
    version: 1,
    description:
      'Written by `ngpc fit --write` from paper-fit.json: the paper-fit profile (chosen by fit residual only), every hypothesis combination, and leave-one-out refits. Do not edit by hand.',
    fittedBy: 'ngpc fit --write',
    spec: relative(dirname(paperFitResultFile(specFile, inputs.spec)), specFile),
    inputsHash: paperFitInputsHash(inputs),
    chosen,
    choice: `lowest fit objective (${inputs.spec.search.objective === 'minimax' ? 'largest |relative residual|' : 'sum of squared relative residuals'} over ${inputs.fitRows.length} fit rows) among the ${feasible.length} of ${combinations.length} combinations whose §2 calibration stays within ±${tolerance} %; held-out rows were not looked at`,
    combinations,
    leaveOneOut,
  };
}

function paperFitResultFile(specFile: string, spec: PaperFitSpec): string {
  return resolve(dirname(specFile), spec.result);
}
