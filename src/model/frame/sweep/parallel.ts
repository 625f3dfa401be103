// Parallel sweep execution: the main thread and worker threads (sweepWorker.ts) share a shard's points in chunks.

import { type SweepJobs, sweepThreads } from './jobs.ts';
import { type SweepError, type SweepOutput, sweepOutput } from './output.ts';
import { expandSweepFile, type SweepPoint } from './plan.ts';
import { runSweepPoints } from './runPoints.ts';
import { type SweepShard, shardSlice } from './shard.ts';

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
  shard: SweepShard,
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
