// A shard's output file: its shape (rows under the sweep's columns, errors) and the builder every run uses.
import { STATS_COLUMNS, type StatsRecord } from '../stats.ts';
import type { SweepShard } from './shard.ts';

export interface SweepError {
  index: number;
  assignment: Record<string, unknown>;
  message: string;
}

export interface SweepOutput {
  sweep: string;
  shard: SweepShard;
  totalPoints: number;
  columns: string[];
  /** Rows carry `index` (position in the full expansion) first, then STATS_COLUMNS. */
  rows: (StatsRecord & { index: number })[];
  errors: SweepError[];
}

/** A shard's output file: its rows and errors under the sweep's columns. */
export function sweepOutput(
  file: string,
  shard: SweepShard,
  totalPoints: number,
  { rows, errors }: Pick<SweepOutput, 'rows' | 'errors'>,
): SweepOutput {
  return {
    sweep: file,
    shard,
    totalPoints,
    columns: ['index', ...STATS_COLUMNS.map((c) => c.key)],
    rows,
    errors,
  };
}
