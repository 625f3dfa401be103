// Sweep sharding: parse `--shard k/n` and pick the contiguous range of points that shard k of n runs.
import { OptionError } from '../../../errors.ts';

/** Shard k of n (1 ≤ k ≤ n). */
export interface SweepShard {
  index: number;
  count: number;
}

/** Parses "k/n" (1 ≤ k ≤ n). */
export function parseShard(text: string): SweepShard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && index >= 1 && index <= count && Number.isSafeInteger(count))) {
    throw new OptionError('shard', text, 'expected k/n with 1 <= k <= n, e.g. 2/4');
  }
  return { index, count };
}

/** The points [start, end) that shard k of n runs out of `totalPoints`. */
export function shardRange(totalPoints: number, shard: SweepShard): { start: number; end: number } {
  return {
    start: Math.floor(((shard.index - 1) * totalPoints) / shard.count),
    end: Math.floor((shard.index * totalPoints) / shard.count),
  };
}

/** The contiguous slice of `points` that shard k of n runs. */
export function shardSlice<T>(points: T[], shard: SweepShard): T[] {
  const { start, end } = shardRange(points.length, shard);
  return points.slice(start, end);
}
