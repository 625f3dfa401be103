// In-process sweep execution: evaluate points one by one on this thread, and run one shard of a sweep file.
import { NgpcInputError } from '../../../errors.ts';
import { evaluatePoint } from '../designPoint.ts';
import { statsRow } from '../stats.ts';
import { type SweepError, type SweepOutput, sweepOutput } from './output.ts';
import { planSweep, type SweepPoint, sweepPoints } from './plan.ts';
import { type SweepShard, shardRange } from './shard.ts';

/** Runs points one by one; a bad point becomes an error entry and the rest finish. */
export function runSweepPoints(
  points: SweepPoint[],
  onProgress?: (done: number, total: number) => void,
): Pick<SweepOutput, 'rows' | 'errors'> {
  const rows: SweepOutput['rows'] = [];
  const errors: SweepError[] = [];
  points.forEach((p, i) => {
    if (p.error !== undefined || !p.point) {
      errors.push({ index: p.index, assignment: p.assignment, message: p.error ?? 'invalid point' });
    } else {
      try {
        rows.push(statsRow(p.index, evaluatePoint(p.point)));
      } catch (e) {
        if (!(e instanceof NgpcInputError)) throw e;
        errors.push({ index: p.index, assignment: p.assignment, message: e.message });
      }
    }
    onProgress?.(i + 1, points.length);
  });
  return { rows, errors };
}

/** Runs one shard of a sweep file. */
export function runSweep(
  file: string,
  shard: SweepShard = { index: 1, count: 1 },
  onProgress?: (done: number, total: number) => void,
): SweepOutput {
  const plan = planSweep(file);
  const { start, end } = shardRange(plan.totalPoints, shard);
  return sweepOutput(
    file,
    shard,
    plan.totalPoints,
    runSweepPoints(sweepPoints(plan, start, end), onProgress),
  );
}
