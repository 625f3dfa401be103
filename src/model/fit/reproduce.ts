// `ngpc reproduce`: every published number (paper §2 calibration targets, §4 results) beside the model's, under a
// model profile. Each row has a role (fitted, held out, or a quoted parameter) and, where recorded, the deviation
// the model is expected to sit at; a row that moves from it fails the run.
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { configPath } from '../../config/paths.ts';
import {
  DEFAULT_PAPER_FIT_SPEC,
  DEFAULT_PROFILE,
  loadPaperFitResult,
  loadPaperFitSpec,
  type ProfileName,
} from '../../config/profile.ts';
import { calibrationFileSchema, type ReproduceRow, reproduceFileSchema } from '../../config/targets.ts';
import { metricValue } from '../frame/metrics.ts';
import { profileSettings } from '../profile/profiles.ts';
import type { ProfileSettings } from '../profile/settings.ts';
import { loadPaperFitInputs, paperFitInputsHash } from './paperFit.ts';

/**
 * fit: the model was fitted to the row (§2 rows by the GPU calibration in both profiles; the declared fit set in
 * paper-fit); held-out: predicted; quoted: a published value the model takes as a parameter.
 */
export type ReproduceRole = 'fit' | 'held-out' | 'quoted';

export interface ReproduceResultRow {
  id: string;
  section: string;
  quantity: string;
  unit: string;
  role: ReproduceRole;
  paper: number;
  model: number;
  deltaPct: number;
  tolerancePct: number;
  comparison: 'within' | 'atLeast' | 'atMost';
  pass: boolean;
  /** The recorded deviation for this profile, and whether the row still sits at it. */
  expected: { deltaPct: number; reason: string; holds: boolean } | null;
  source: string;
}

export interface ReproduceResult {
  file: string;
  profile: ProfileName;
  /** Where the profile's settings come from. */
  profileSource: string;
  rows: ReproduceResultRow[];
  passed: number;
  failed: number;
  /** Rows that moved away from their recorded deviation (the run fails if any). */
  moved: string[];
  /** Rows without a recorded deviation for this profile. */
  unrecorded: string[];
  /** paper-fit: fit rows beyond the declared maximum residual; a recorded fit that no longer matches the configs. */
  fitProblems: string[];
  /** Mean and max |Δ %| over the rows (Calculon-style summary). */
  meanAbsDeltaPct: number;
  maxAbsDeltaPct: number;
  /** Percentage points a row may move from its expected deviation. */
  deviationTolerancePct: number;
}

export const DEFAULT_REPRODUCE_FILE = configPath('reproduce', 'paper.json');

/**
 * Judges one row: `within` needs |Δ| ≤ tolerance, `atLeast` model ≥ paper·(1 − tolerance), `atMost`
 * model ≤ paper·(1 + tolerance).
 */
export function judgeRow(
  row: Pick<ReproduceRow, 'paper' | 'tolerancePct' | 'comparison'>,
  model: number,
): { deltaPct: number; pass: boolean } {
  const deltaPct = (100 * (model - row.paper)) / row.paper;
  let pass: boolean;
  if (row.comparison === 'atLeast') pass = deltaPct >= -row.tolerancePct;
  else if (row.comparison === 'atMost') pass = deltaPct <= row.tolerancePct;
  else pass = Math.abs(deltaPct) <= row.tolerancePct + 1e-9;
  return { deltaPct, pass };
}

export interface ReproduceOptions {
  profile?: ProfileName;
  /** Evaluate under these settings instead of the named profile's (what-if: "does moving a parameter show?"). */
  settings?: ProfileSettings;
}

/** Evaluates every row of a reproduce file, the §2 rows of its calibration-targets file first. */
export function reproduce(file = DEFAULT_REPRODUCE_FILE, opts: ReproduceOptions = {}): ReproduceResult {
  const profile = opts.profile ?? DEFAULT_PROFILE;
  const settings = opts.settings ?? profileSettings(profile);
  const spec = loadConfig(file, reproduceFileSchema);
  const calibration = loadConfig(resolve(dirname(file), spec.calibrationTargets), calibrationFileSchema);
  const fitSet = new Set(profile === 'paper-fit' ? loadPaperFitSpec().fitSet.rows : []);
  const all: ReproduceRow[] = [...calibration.targets, ...spec.rows];
  const calibrated = new Set(calibration.targets.map((t) => t.id));
  const rows = all.map((row): ReproduceResultRow => {
    const model = metricValue(row.metric, row.gpu, settings);
    const { deltaPct, pass } = judgeRow(row, model);
    const role: ReproduceRole =
      row.metric.kind === 'parameter'
        ? 'quoted'
        : calibrated.has(row.id) || fitSet.has(row.id)
          ? 'fit'
          : 'held-out';
    const exp = row.expectedDeviation?.[profile];
    return {
      id: row.id,
      section: row.section,
      quantity: row.quantity,
      unit: row.unit,
      role,
      paper: row.paper,
      model,
      deltaPct,
      tolerancePct: row.tolerancePct,
      comparison: row.comparison,
      pass,
      expected: exp
        ? { ...exp, holds: Math.abs(deltaPct - exp.deltaPct) <= spec.deviationTolerancePct }
        : null,
      source: row.source,
    };
  });
  const deltas = rows.map((r) => Math.abs(r.deltaPct));
  const passed = rows.filter((r) => r.pass).length;
  return {
    file,
    profile,
    profileSource: settings.source,
    rows,
    passed,
    failed: rows.length - passed,
    moved: rows.filter((r) => r.expected && !r.expected.holds).map((r) => r.id),
    unrecorded: rows.filter((r) => !r.expected).map((r) => r.id),
    fitProblems: profile === 'paper-fit' && !opts.settings ? paperFitProblems(rows) : [],
    meanAbsDeltaPct: deltas.reduce((s, d) => s + d, 0) / deltas.length,
    maxAbsDeltaPct: Math.max(...deltas),
    deviationTolerancePct: spec.deviationTolerancePct,
  };
}

/** paper-fit's own checks: the recorded fit still matches its inputs, and every fit row is within the bound. */
function paperFitProblems(rows: readonly ReproduceResultRow[]): string[] {
  const problems: string[] = [];
  const spec = loadPaperFitSpec();
  const recorded = loadPaperFitResult();
  if (recorded.inputsHash !== paperFitInputsHash(loadPaperFitInputs(DEFAULT_PAPER_FIT_SPEC))) {
    problems.push('the recorded paper-fit result was fitted to other configs: run `ngpc fit --write`');
  }
  for (const id of spec.fitSet.rows) {
    const r = rows.find((x) => x.id === id);
    if (r && Math.abs(r.deltaPct) > spec.fitSet.maxResidualPct) {
      problems.push(`fit row ${id}: Δ ${r.deltaPct.toFixed(2)} % beyond ±${spec.fitSet.maxResidualPct} %`);
    }
  }
  return problems;
}

/** The run fails (exit 1) when a row moved from its recorded deviation or the paper-fit checks fail. */
export function reproduceFails(r: ReproduceResult): boolean {
  return r.moved.length > 0 || r.fitProblems.length > 0;
}
