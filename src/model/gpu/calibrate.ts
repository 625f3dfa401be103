// Fits the baseline-GPU efficiencies to the paper's RTX 3090 profile (docs/sources.md#paper-2 only) and records the residuals.
import { EFFICIENCY_NAMES, type GpuEfficiencies, type GpuSpec, loadGpu } from '../../config/gpu.ts';
import { loadConfig } from '../../config/load.ts';
import { configPath } from '../../config/paths.ts';
import { type CalibrationFile, calibrationFileSchema } from '../../config/targets.ts';
import { OptionError, verbatim } from '../../errors.ts';
import { type BaselineMetricContext, baselineMetricValue } from './baselineMetrics.ts';

export interface CalibrationResidual {
  id: string;
  quantity: string;
  target: number;
  model: number;
  residualPct: number;
  tolerancePct: number;
  pass: boolean;
  source: string;
}

export interface CalibrationResult {
  gpu: string;
  targetsFile: string;
  efficiencies: GpuEfficiencies;
  residuals: CalibrationResidual[];
  maxAbsResidualPct: number;
  iterations: number;
  /** Whether the fit was recorded in the GPU preset (set by whoever writes it: `ngpc calibrate --write`). */
  written: boolean;
}

/** Default targets: the paper's RTX 3090 profile. */
export const DEFAULT_CALIBRATION_TARGETS = 'configs/calibration/rtx3090-paper.json';

/** Efficiencies are recorded to this many decimals, and residuals are computed from the recorded values. */
const RECORDED_DECIMALS = 4;
const NELDER_MEAD = { maxIterations: 4000, tolerance: 1e-12, initialStep: 0.5 } as const;

export function loadCalibrationFile(file: string): CalibrationFile {
  return loadConfig(file, calibrationFileSchema);
}

/** Model value, residual and pass/fail of every target with the given efficiencies. */
export function calibrationResiduals(
  cal: CalibrationFile,
  gpu: GpuSpec,
  eff: GpuEfficiencies,
  ctx: BaselineMetricContext = {},
): CalibrationResidual[] {
  return cal.targets.map((t) => {
    const model = baselineMetricValue(t.metric, gpu, eff, ctx);
    const residualPct = (100 * (model - t.paper)) / t.paper;
    return {
      id: t.id,
      quantity: t.quantity,
      target: t.paper,
      model,
      residualPct,
      tolerancePct: t.tolerancePct,
      pass: Math.abs(residualPct) <= t.tolerancePct,
      source: t.source,
    };
  });
}

/**
 * Fits the efficiencies named in the calibration file (others keep the GPU's values) by minimising
 * Σ weight · (model/target − 1)² with Nelder–Mead over a bounded log-space (each efficiency stays in [min, max]).
 * Writes nothing: `calibrationBlock` gives the preset's new `efficiencies` block for the caller to record.
 */
export function calibrate(gpuName: string, opts: { targetsFile?: string } = {}): CalibrationResult {
  const targetsFile = opts.targetsFile ?? configPath(...DEFAULT_CALIBRATION_TARGETS.split('/').slice(1));
  const cal = loadCalibrationFile(targetsFile);
  if (cal.gpu !== gpuName) {
    throw new OptionError(
      'gpu',
      verbatim(gpuName),
      `${targetsFile} holds targets for ${cal.gpu}; calibrate that GPU (others reuse its efficiencies)`,
    );
  }
  const gpu = loadGpu(gpuName);
  const { efficiencies, residuals, maxAbsResidualPct, iterations } = fitEfficiencies(cal, gpu);
  return {
    gpu: gpuName,
    targetsFile,
    efficiencies,
    residuals,
    maxAbsResidualPct,
    iterations,
    written: false,
  };
}

export interface EfficiencyFit {
  efficiencies: GpuEfficiencies;
  residuals: CalibrationResidual[];
  maxAbsResidualPct: number;
  iterations: number;
}

/**
 * The fit itself, for any profile's readings (`ctx`): Nelder–Mead over the bounded log space from the file's
 * initial values; fitted values rounded to the recorded decimals and the residuals recomputed from them.
 */
export function fitEfficiencies(
  cal: CalibrationFile,
  gpu: GpuSpec,
  ctx: BaselineMetricContext = {},
): EfficiencyFit {
  const bounds = cal.parameters.map((p) => ({ ...p, lnMin: Math.log(p.min), lnMax: Math.log(p.max) }));
  const toEff = (u: number[]): GpuEfficiencies => {
    const eff = { ...gpu.efficiencies };
    bounds.forEach((b, i) => {
      const s = 1 / (1 + Math.exp(-u[i]!));
      eff[b.name] = Math.exp(b.lnMin + (b.lnMax - b.lnMin) * s);
    });
    return eff;
  };
  const fromEff = (x: number, b: (typeof bounds)[number]): number => {
    const s = Math.min(1 - 1e-9, Math.max(1e-9, (Math.log(x) - b.lnMin) / (b.lnMax - b.lnMin)));
    return Math.log(s / (1 - s));
  };
  const objective = (u: number[]): number => {
    const eff = toEff(u);
    let sum = 0;
    for (const t of cal.targets) {
      const r = baselineMetricValue(t.metric, gpu, eff, ctx) / t.paper - 1;
      sum += t.weight * r * r;
    }
    return sum;
  };
  const start = bounds.map((b) => fromEff(b.initial, b));
  const { x, iterations } = nelderMead(objective, start);
  const fitted = toEff(x);
  const efficiencies = { ...gpu.efficiencies };
  for (const b of bounds) efficiencies[b.name] = round(fitted[b.name], RECORDED_DECIMALS);
  const residuals = calibrationResiduals(cal, gpu, efficiencies, ctx);
  const maxAbsResidualPct = Math.max(...residuals.map((r) => Math.abs(r.residualPct)));
  return { efficiencies, residuals, maxAbsResidualPct, iterations };
}

/** The GPU preset's new `efficiencies` block: the fitted values, the targets file and the residuals. */
export function calibrationBlock(result: CalibrationResult): Record<string, unknown> {
  const rel = DEFAULT_CALIBRATION_TARGETS;
  const block: Record<string, unknown> = {
    fittedBy: `ngpc calibrate --gpu ${result.gpu} --write`,
    targets: result.targetsFile.endsWith(rel.slice('configs/'.length)) ? rel : result.targetsFile,
  };
  for (const name of EFFICIENCY_NAMES) {
    block[name] = {
      value: result.efficiencies[name],
      source: `calibrated: fitted by ngpc calibrate to docs/sources.md#paper-2 (${block.targets})`,
    };
  }
  block.maxAbsResidualPct = round(result.maxAbsResidualPct, 2);
  block.residuals = result.residuals.map((r) => ({
    id: r.id,
    quantity: r.quantity,
    target: r.target,
    model: round(r.model, 4),
    residualPct: round(r.residualPct, 2),
    source: r.source,
  }));
  return block;
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Plain Nelder–Mead (standard coefficients); deterministic for a given start. */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
): { x: number[]; fx: number; iterations: number } {
  const n = x0.length;
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + NELDER_MEAD.initialStep : v)))];
  let values = simplex.map(f);
  let iterations = 0;
  for (; iterations < NELDER_MEAD.maxIterations; iterations++) {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    simplex = order.map(([, i]) => simplex[i]!);
    values = order.map(([v]) => v);
    if (values[n]! - values[0]! < NELDER_MEAD.tolerance) break;
    const centroid = x0.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p[j]!, 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n]![j]! - c));
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < values[0]!) {
      const expanded = along(-2);
      const fe = f(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]!) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n]! ? along(-0.5) : along(0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, values[n]!)) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        simplex = simplex.map((p, i) =>
          i === 0 ? p : p.map((v, j) => simplex[0]![j]! + 0.5 * (v - simplex[0]![j]!)),
        );
        values = simplex.map((p, i) => (i === 0 ? values[0]! : f(p)));
      }
    }
  }
  return { x: simplex[0]!, fx: values[0]!, iterations };
}
