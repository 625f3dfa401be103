// A shard's results in memory (small sweeps, benchmarks, tests): rows under the sweep's columns, and errors.
import type { StatsRecord } from '../stats.ts';
import { sweepColumns } from './manifest.ts';
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

/** A shard's results: its rows and errors under the sweep's columns. */
export function sweepOutput(
  file: string,
  shard: SweepShard,
  totalPoints: number,
  { rows, errors }: Pick<SweepOutput, 'rows' | 'errors'>,
): SweepOutput {
  return { sweep: file, shard, totalPoints, columns: sweepColumns(), rows, errors };
}
