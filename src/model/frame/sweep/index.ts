// Sweeps in the library: plan (count and build points lazily), bound, shard, run in chunks (in-process or on worker
// threads), identify by content, and plan a merge.
export { canonicalJson, sweepHash } from './hash.ts';
export { parseJobs, SWEEP_WORKER_MIN_POINTS, type SweepJobs, sweepThreads } from './jobs.ts';
export { checkSweepSize, MAX_SWEEP_POINTS_DEFAULT, parseMaxPoints } from './limit.ts';
export {
  SWEEP_OUTPUT_FORMAT,
  type SweepManifest,
  sweepColumns,
  sweepManifest,
  sweepManifestSchema,
  sweepProfile,
} from './manifest.ts';
export { type MergeShard, planMerge } from './merge.ts';
export type { SweepError, SweepOutput } from './output.ts';
export {
  runSweepChunks,
  runSweepParallel,
  type SweepChunk,
  type SweepChunkMessage,
  type SweepWorkerData,
} from './parallel.ts';
export {
  expandSweepFile,
  planSweep,
  type SweepPlan,
  type SweepPoint,
  sweepAssignment,
  sweepPointAt,
  sweepPointCount,
  sweepPoints,
} from './plan.ts';
export { runSweep, runSweepPoints } from './runPoints.ts';
export { parseShard, type SweepShard, shardRange, shardSlice } from './shard.ts';
