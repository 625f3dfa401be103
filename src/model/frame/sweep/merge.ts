// Merging sweep shards: join the outputs of one sweep's shards, checking no point is missing or run twice.
import { ConfigError, NgpcInputError } from '../../../errors.ts';
import type { SweepError, SweepOutput } from './output.ts';

/** Joins shard outputs of one sweep: rows and errors sorted by index; duplicate or missing indices are errors. */
export function mergeSweepOutputs(outputs: { file: string; output: SweepOutput }[]): SweepOutput {
  if (outputs.length === 0) throw new NgpcInputError('merge: expected at least one sweep output folder');
  const first = outputs[0]!.output;
  const rows: SweepOutput['rows'] = [];
  const errors: SweepError[] = [];
  const seen = new Map<number, string>();
  for (const { file, output } of outputs) {
    if (output.sweep !== first.sweep || output.totalPoints !== first.totalPoints) {
      throw new ConfigError(file, [
        {
          path: '$.sweep',
          value: output.sweep,
          message: `expected a shard of ${first.sweep} (${first.totalPoints} points)`,
        },
      ]);
    }
    for (const r of [...output.rows, ...output.errors]) {
      const other = seen.get(r.index);
      if (other !== undefined) {
        throw new ConfigError(file, [
          { path: '$.rows', value: r.index, message: `point ${r.index} also in ${other}` },
        ]);
      }
      seen.set(r.index, file);
    }
    rows.push(...output.rows);
    errors.push(...output.errors);
  }
  rows.sort((a, b) => a.index - b.index);
  errors.sort((a, b) => a.index - b.index);
  const missing = first.totalPoints - seen.size;
  if (missing > 0) {
    errors.push({
      index: -1,
      assignment: {},
      message: `${missing} of ${first.totalPoints} points are in no shard`,
    });
  }
  return {
    sweep: first.sweep,
    shard: { index: 1, count: 1 },
    totalPoints: first.totalPoints,
    columns: first.columns,
    rows,
    errors,
  };
}
