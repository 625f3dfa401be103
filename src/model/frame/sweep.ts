// Sweeps in the library: expand a sweep file into design points, run a shard of them, and merge shard outputs.
import { availableParallelism } from 'node:os';
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
  return sweepOutput(file, shard, all.length, runSweepPoints(shardSlice(all, shard), onProgress));
}

/** A shard's output file: its rows and errors under the sweep's columns. */
function sweepOutput(
  file: string,
  shard: { index: number; count: number },
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
 * Below this many points `--jobs auto` stays in-process. A worker first spends ~2-3 s starting (tsx, mathjs,
 * configs) and ~0.6-0.9 s re-simulating the NGPC batches the main thread already has cached; after that a point
 * costs ~0.1 ms, plus copying points in and rows out. Measured on the 2-vCPU dev VM (Node 20, shared with other
 * jobs: load average 4-6), `ngpc sweep --json` seconds, best of 3, jobs 2 = main thread + 1 worker sharing
 * contiguous chunks (sweeps: paper.json, and its 5 GPUs x 4 apps x 3 encodings x 3 resolutions x an nfps axis):
 *
 *     points   jobs 1   jobs 2
 *        180    0.50     1.02
 *        900    0.75     1.69
 *       7200    1.60     2.54
 *      14400    2.62     3.45
 *      28800    4.44     6.73
 *      57600    7.83     8.94
 *     115200   12.8     15.7
 *
 * Workers never won there: jobs 2 also used 5-12 s more CPU (`time`: 28,800 points 9.6 vs 14.8 s user,
 * 115,200 points 17.0 vs 23.3 s), and with both cores busy that only adds. So the threshold sits above the
 * largest sweep measured and auto stays in-process for all of them; `--jobs N` still forces N threads.
 * Re-measure on an idle machine with `ngpc sweep big.json --jobs 1|2 --json` before lowering it.
 */
export const SWEEP_WORKER_MIN_POINTS = 250_000;

/** `--jobs`: a thread count, or "auto" (one thread below SWEEP_WORKER_MIN_POINTS, else every core). */
export type SweepJobs = number | 'auto';

/** Parses `--jobs`: "auto" or a positive whole number. */
export function parseJobs(text: string): SweepJobs {
  if (text === 'auto') return 'auto';
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1)
    throw new FlagError('jobs', text, 'expected "auto" or a positive whole number of threads, e.g. 2');
  return n;
}

/** The threads (main + workers) a sweep of `points` runs on: `auto` picks by size, capped at `cores`. */
export function sweepThreads(jobs: SweepJobs, points: number, cores = availableParallelism()): number {
  if (jobs === 'auto') return points >= SWEEP_WORKER_MIN_POINTS ? Math.max(1, cores) : 1;
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new FlagError('jobs', jobs, 'expected "auto" or a positive whole number of threads');
  return jobs;
}

/** Contiguous chunks (neighbouring points share cached batches); ~16 per thread so the last ones balance. */
function chunkPoints(points: number, threads: number): number {
  const CHUNKS_PER_THREAD = 16;
  const MIN_CHUNK_POINTS = 8;
  const MAX_CHUNK_POINTS = 512;
  return Math.min(
    MAX_CHUNK_POINTS,
    Math.max(MIN_CHUNK_POINTS, Math.ceil(points / (threads * CHUNKS_PER_THREAD))),
  );
}

/** What sweepWorker.ts receives: the shard's points, the chunk size and the shared next-chunk counter. */
export interface SweepWorkerData {
  entry: string;
  points: SweepPoint[];
  chunkPoints: number;
  nextChunk: SharedArrayBuffer;
}

/** A chunk's results, posted in one message. */
export interface SweepChunkMessage {
  chunk: number;
  rows: SweepOutput['rows'];
  errors: SweepError[];
}

/**
 * Runs a shard on `jobs` threads: the main thread plus jobs - 1 workers take contiguous chunks from a shared
 * counter, so the main thread works while the workers start, and finishes alone if the sweep is over before
 * they are ready. Rows come back in point order whatever the thread count, so outputs are byte-identical.
 * A worker failing (a bug, not a bad point) rejects the sweep.
 */
export async function runSweepParallel(
  file: string,
  shard: { index: number; count: number },
  opts: {
    jobs: SweepJobs;
    onProgress?: (done: number, total: number) => void;
    /** Called once with the thread count chosen (main + workers). */
    onThreads?: (threads: number) => void;
    /** Tests: leave every chunk to the workers, so their path is exercised whatever the machine's speed. */
    workersOnly?: boolean;
  },
): Promise<SweepOutput> {
  const all = expandSweepFile(file);
  const mine = shardSlice(all, shard);
  const threads = Math.min(sweepThreads(opts.jobs, mine.length), Math.max(1, mine.length));
  opts.onThreads?.(threads);
  const output = (rows: SweepOutput['rows'], errors: SweepError[]): SweepOutput =>
    sweepOutput(file, shard, all.length, { rows, errors });
  if (threads === 1) {
    const { rows, errors } = runSweepPoints(mine, opts.onProgress);
    return output(rows, errors);
  }
  const { Worker } = await import('node:worker_threads');
  const size = chunkPoints(mine.length, threads);
  const chunkCount = Math.ceil(mine.length / size);
  const nextChunk = new SharedArrayBuffer(4);
  const counter = new Int32Array(nextChunk);
  const results: (SweepChunkMessage | undefined)[] = new Array(chunkCount);
  let doneChunks = 0;
  let donePoints = 0;
  let failure: unknown;
  let settle: (() => void) | undefined;
  const record = (m: SweepChunkMessage) => {
    if (results[m.chunk]) return; // already done by the main thread (see below)
    results[m.chunk] = m;
    doneChunks++;
    donePoints += m.rows.length + m.errors.length;
    opts.onProgress?.(donePoints, mine.length);
    if (doneChunks === chunkCount) settle?.();
  };
  const fail = (e: unknown) => {
    failure ??= e;
    settle?.();
  };
  const data: SweepWorkerData = {
    entry: new URL('./sweepWorker.ts', import.meta.url).href,
    points: mine,
    chunkPoints: size,
    nextChunk,
  };
  const workers = Array.from({ length: threads - 1 }, () => {
    const w = new Worker(new URL('./sweepWorkerBoot.mjs', import.meta.url), { workerData: data });
    w.on('message', record);
    w.on('error', fail);
    w.on('exit', (code) => {
      if (code !== 0 && doneChunks < chunkCount) fail(new Error(`sweep worker exited with code ${code}`));
    });
    return w;
  });
  const runChunk = async (k: number) => {
    record({ chunk: k, ...runSweepPoints(mine.slice(k * size, (k + 1) * size)) });
    // Let worker messages in between chunks.
    await new Promise((r) => setImmediate(r));
    if (failure !== undefined) throw failure;
  };
  try {
    if (opts.workersOnly) {
      await new Promise<void>((r) => (settle = r));
      if (failure !== undefined) throw failure;
    }
    for (let k = Atomics.add(counter, 0, 1); k < chunkCount; k = Atomics.add(counter, 0, 1))
      await runChunk(k);
    // A worker's first chunk pays its cache warm-up (~0.6-0.9 s), so rather than wait, the main thread also runs
    // the chunks still out; whichever copy lands first is kept (both are the same: points are independent).
    for (let k = 0; k < chunkCount; k++) if (!results[k]) await runChunk(k);
  } finally {
    for (const w of workers) {
      w.removeAllListeners('exit');
      void w.terminate();
    }
  }
  return output(
    results.flatMap((r) => r!.rows),
    results.flatMap((r) => r!.errors),
  );
}
