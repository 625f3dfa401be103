// How many threads a sweep runs on: the `--jobs` flag and the size below which workers do not pay.
import { availableParallelism } from 'node:os';
import { OptionError } from '../../../errors.ts';

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
