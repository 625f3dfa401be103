// How many threads a sweep runs on: the `--jobs` flag and the size below which workers do not pay.
import { availableParallelism } from 'node:os';
import { OptionError } from '../../../errors.ts';

/**
 * Below this many points `--jobs auto` stays in-process. A worker first spends time starting (modules, configs) and
 * re-simulating the NGPC batches the main thread already has cached; the main thread also formats and writes every
 * row, the workers' included, so workers pay only on large shards. Measured with the compiled CLI (dist/cli/bin.js,
 * what `npx ngpc` runs) on the 2-core AMD EPYC dev VM (node 20, load average 1-1.6), `/usr/bin/time ngpc sweep
 * big.json --jobs 1|2`, wall seconds (paper.json's 5 GPUs x 4 apps x 3 encodings x 3 resolutions, ngpc-8 with an
 * nfps axis of 100-2500 values):
 *
 *     points   jobs 1   jobs 2
 *      18000    1.75     2.26
 *      90000    4.44     4.93
 *     450000   17.96    15.70
 *
 * A line through the jobs 2 − jobs 1 differences (+0.49 s at 90,000, −2.26 s at 450,000) crosses near 150,000
 * points. From the TypeScript sources (tsx) a worker starts ~2 s slower and the crossover was ~500,000.
 */
export const SWEEP_WORKER_MIN_POINTS = 150_000;

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
