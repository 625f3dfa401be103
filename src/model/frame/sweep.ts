// Sweeps in the library: expand a sweep file into design points, run a shard of them, and merge shard outputs.
import { dirname, resolve } from 'node:path';
import { loadConfig, readJsonFile } from '../../config/load.ts';
import { applyAssignment, expandAxes, sweepFileSchema } from '../../config/sweep.ts';
import { ConfigError, FlagError, NgpcInputError } from '../../errors.ts';
import { type DesignPoint, evaluatePoint, parseDesignPoint } from './designPoint.ts';
import { STATS_COLUMNS, type StatsRecord, statsRecord } from './stats.ts';

/** One point of a sweep: its index in the full expansion and either a parsed point or why it is invalid. */
export interface SweepPoint {
  index: number;
  assignment: Record<string, unknown>;
  point?: DesignPoint;
  error?: string;
}

export interface SweepError {
  index: number;
  assignment: Record<string, unknown>;
  message: string;
}

export interface SweepOutput {
  sweep: string;
  shard: { index: number; count: number };
  totalPoints: number;
  columns: string[];
  /** Rows carry `index` (position in the full expansion) first, then STATS_COLUMNS. */
  rows: (StatsRecord & { index: number })[];
  errors: SweepError[];
}

/** Expands a sweep file (base inline or a path relative to the file) into its points, in stable order. */
export function expandSweepFile(file: string): SweepPoint[] {
  const sweep = loadConfig(file, sweepFileSchema);
  const base = typeof sweep.base === 'string' ? readJsonFile(resolve(dirname(file), sweep.base)) : sweep.base;
  return expandAxes(sweep.axes).map((assignment, index) => {
    const raw = applyAssignment(base, assignment, file);
    try {
      return { index, assignment, point: parseDesignPoint(raw, `${file} point ${index}`) };
    } catch (e) {
      if (e instanceof NgpcInputError) return { index, assignment, error: e.message };
      throw e;
    }
  });
}

/** Parses "k/n" (1 ≤ k ≤ n). */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new FlagError('shard', text, 'expected k/n with 1 <= k <= n, e.g. 2/4');
  }
  return { index, count };
}

/** The contiguous slice of `points` that shard k of n runs. */
export function shardSlice<T>(points: T[], shard: { index: number; count: number }): T[] {
  const start = Math.floor(((shard.index - 1) * points.length) / shard.count);
  const end = Math.floor((shard.index * points.length) / shard.count);
  return points.slice(start, end);
}

/** Runs points one by one; a bad point becomes an error entry and the rest finish. */
export function runSweepPoints(
  points: SweepPoint[],
  onProgress?: (done: number, total: number) => void,
): { rows: (StatsRecord & { index: number })[]; errors: SweepError[] } {
  const rows: (StatsRecord & { index: number })[] = [];
  const errors: SweepError[] = [];
  points.forEach((p, i) => {
    if (p.error !== undefined || !p.point) {
      errors.push({ index: p.index, assignment: p.assignment, message: p.error ?? 'invalid point' });
    } else {
      try {
        rows.push({ index: p.index, ...statsRecord(evaluatePoint(p.point)) });
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
  shard = { index: 1, count: 1 },
  onProgress?: (done: number, total: number) => void,
): SweepOutput {
  const all = expandSweepFile(file);
  const { rows, errors } = runSweepPoints(shardSlice(all, shard), onProgress);
  return {
    sweep: file,
    shard,
    totalPoints: all.length,
    columns: ['index', ...STATS_COLUMNS.map((c) => c.key)],
    rows,
    errors,
  };
}

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

/**
 * Runs a shard on `jobs` worker threads (points dealt round-robin so every worker sees a mix of workloads).
 * One job runs in-process: for paper-sized sweeps that is fastest, since each worker warms its own caches.
 */
export async function runSweepParallel(
  file: string,
  shard: { index: number; count: number },
  jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<SweepOutput> {
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new FlagError('jobs', jobs, 'expected a positive whole number of worker threads');
  if (jobs === 1) return runSweep(file, shard, onProgress);
  const { Worker } = await import('node:worker_threads');
  const all = expandSweepFile(file);
  const mine = shardSlice(all, shard);
  const groups: number[][] = Array.from({ length: Math.min(jobs, Math.max(1, mine.length)) }, () => []);
  for (const [i, p] of mine.entries()) groups[i % groups.length]!.push(p.index);
  const progress = groups.map(() => 0);
  const parts = await Promise.all(
    groups.map(
      (indices, g) =>
        new Promise<{ rows: SweepOutput['rows']; errors: SweepError[] }>((resolvePart, reject) => {
          const worker = new Worker(new URL('./sweepWorkerBoot.mjs', import.meta.url), {
            workerData: {
              entry: new URL('./sweepWorker.ts', import.meta.url).href,
              file: resolve(file),
              indices,
            },
          });
          worker.on(
            'message',
            (m: { type: string; done?: number; rows?: SweepOutput['rows']; errors?: SweepError[] }) => {
              if (m.type === 'progress') {
                progress[g] = m.done!;
                onProgress?.(
                  progress.reduce((s, x) => s + x, 0),
                  mine.length,
                );
              } else {
                resolvePart({ rows: m.rows!, errors: m.errors! });
                void worker.terminate();
              }
            },
          );
          worker.on('error', reject);
        }),
    ),
  );
  const rows = parts.flatMap((p) => p.rows).sort((a, b) => a.index - b.index);
  const errors = parts.flatMap((p) => p.errors).sort((a, b) => a.index - b.index);
  return {
    sweep: file,
    shard,
    totalPoints: all.length,
    columns: ['index', ...STATS_COLUMNS.map((c) => c.key)],
    rows,
    errors,
  };
}
