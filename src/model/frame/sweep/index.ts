// Sweeps in the library: plan (expand a sweep file), shard, run (in-process or on worker threads) and merge.
export { parseJobs, SWEEP_WORKER_MIN_POINTS, type SweepJobs, sweepThreads } from './jobs.ts';
export { mergeSweepOutputs } from './merge.ts';
export type { SweepError, SweepOutput } from './output.ts';
export { runSweepParallel, type SweepChunkMessage, type SweepWorkerData } from './parallel.ts';
export { expandSweepFile, type SweepPoint } from './plan.ts';
export { runSweep, runSweepPoints } from './runPoints.ts';
export { parseShard, type SweepShard, shardSlice } from './shard.ts';
