// `ngpc reproduce`: every published number (paper.md §2 calibration targets, §4 validation) beside the model's.
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { configPath } from '../../config/paths.ts';
import { calibrationFileSchema, type ReproduceRow, reproduceFileSchema } from '../../config/targets.ts';
import { metricValue } from './metrics.ts';

export interface ReproduceResultRow {
  id: string;
  section: string;
  quantity: string;
  unit: string;
  paper: number;
  model: number;
  deltaPct: number;
  tolerancePct: number;
  comparison: 'within' | 'atLeast' | 'atMost';
  pass: boolean;
  source: string;
}

export interface ReproduceResult {
  file: string;
  rows: ReproduceResultRow[];
  passed: number;
  failed: number;
  /** Mean and max |Δ %| over the rows (Calculon-style summary). */
  meanAbsDeltaPct: number;
  maxAbsDeltaPct: number;
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

/** Evaluates every row of a reproduce file, the §2 rows of its calibration-targets file first. */
export function reproduce(file = DEFAULT_REPRODUCE_FILE): ReproduceResult {
  const spec = loadConfig(file, reproduceFileSchema);
  const calibration = loadConfig(resolve(dirname(file), spec.calibrationTargets), calibrationFileSchema);
  const all: ReproduceRow[] = [...calibration.targets, ...spec.rows];
  const rows = all.map((row) => {
    const model = metricValue(row.metric, row.gpu);
    const { deltaPct, pass } = judgeRow(row, model);
    return {
      id: row.id,
      section: row.section,
      quantity: row.quantity,
      unit: row.unit,
      paper: row.paper,
      model,
      deltaPct,
      tolerancePct: row.tolerancePct,
      comparison: row.comparison,
      pass,
      source: row.source,
    };
  });
  const deltas = rows.map((r) => Math.abs(r.deltaPct));
  const passed = rows.filter((r) => r.pass).length;
  return {
    file,
    rows,
    passed,
    failed: rows.length - passed,
    meanAbsDeltaPct: deltas.reduce((s, d) => s + d, 0) / deltas.length,
    maxAbsDeltaPct: Math.max(...deltas),
  };
}
