// How many threads a sweep runs on: the `--jobs` flag and the size below which workers do not pay.
import { availableParallelism } from 'node:os';
import { OptionError } from '../../../errors.ts';

/**
 * Below this many points `--jobs auto` stays in-process. A worker first spends ~2-3 s starting (tsx, mathjs,
 * configs) and re-simulating the NGPC batches the main thread already has cached; the main thread also formats and
 * writes every row, the workers' included. A point costs ~10 us to evaluate and ~30 us end to end (CSV, JSONL,
 * files), so workers pay only on very large shards. Measured on the 2-core AMD EPYC dev VM (node 20, shared: load
 * average 1-2.5 with these runs), `/usr/bin/time ngpc sweep big.json --jobs 1|2`, wall seconds (sweeps: paper.json's
 * 5 GPUs x 4 apps x 3 encodings x 3 resolutions x an nfps axis of 50-2500 values; 900,000 adds both SRAM policies):
 *
 *     points   jobs 1        jobs 2
 *       9000   2.9, 2.6      4.0, 3.4
 *      45000   4.2, 4.0      5.5, 5.5
 *      90000   5.8, 5.6      8.3, 6.6
 *     450000  17.6, 13.4    17.5, 15.9
 *     900000  31.7          26.4
 *
 * From 450,000 to 900,000 points jobs 1 added ~36 us a point and jobs 2 ~22 us (with 1.2-1.5x the CPU and twice
 * the memory): a line through each crosses near 500,000 points. Re-measure on an idle machine before lowering it.
 */
export const SWEEP_WORKER_MIN_POINTS = 500_000;

/** `--jobs`: a thread count, or "auto" (one thread below SWEEP_WORKER_MIN_POINTS, else every core). */
export type SweepJobs = number | 'auto';

/** Parses `--jobs`: "auto" or a positive whole number. */
export function parseJobs(text: string): SweepJobs {
  if (text === 'auto') return 'auto';
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || !Number.isSafeInteger(n))
    throw new OptionError('jobs', text, 'expected "auto" or a positive whole number of threads, e.g. 2');
  return n;
}

/**
 * The threads (main + workers) a sweep of `points` runs on: `auto` picks by size; a number is capped at `cores`,
 * since threads beyond the cores only add start-up time and memory (issue 14: `--jobs 24` on 2 cores took 2.7 GB
 * and 18 s against 0.2 GB and 1.5 s in-process).
 */
export function sweepThreads(jobs: SweepJobs, points: number, cores = availableParallelism()): number {
  const usable = Math.max(1, cores);
  if (jobs === 'auto') return points >= SWEEP_WORKER_MIN_POINTS ? usable : 1;
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new OptionError('jobs', jobs, 'expected "auto" or a positive whole number of threads');
  return Math.min(jobs, usable);
}
