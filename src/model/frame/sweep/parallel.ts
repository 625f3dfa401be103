// Sweep execution in chunks: the main thread and worker threads (sweepWorker.ts) share a range of points, and
// every chunk's results are handed on in point order, so a sweep of any size streams with bounded memory.
import { type SweepError, type SweepOutput, sweepOutput } from './output.ts';
import { planSweep, type SweepPlan, sweepPoints } from './plan.ts';
import { runSweepPoints } from './runPoints.ts';
import { type SweepShard, shardRange } from './shard.ts';

/** True when running as compiled JavaScript (the installed package), false from the TypeScript sources. */
const COMPILED = import.meta.url.endsWith('.js');

/** Contiguous chunks (neighbouring points share cached batches); ~16 per thread so the last ones balance. */
function chunkPoints(points: number, threads: number): number {
  const CHUNKS_PER_THREAD = 16;
  const MIN_CHUNK_POINTS = 8;
  // Also the in-process step between yields to the event loop (signals, progress): ~50 ms at 10,000 points/s.
  const MAX_CHUNK_POINTS = 512;
  return Math.min(
    MAX_CHUNK_POINTS,
    Math.max(MIN_CHUNK_POINTS, Math.ceil(points / (threads * CHUNKS_PER_THREAD))),
  );
}

/** What sweepWorker.ts receives: the plan (it builds its own points), the range, chunk size and shared counter. */
export interface SweepWorkerData {
  entry: string;
  plan: Pick<SweepPlan, 'file' | 'base' | 'axes'>;
  start: number;
  end: number;
  chunkPoints: number;
  nextChunk: SharedArrayBuffer;
}

/** A chunk's results, posted in one message. */
export interface SweepChunkMessage {
  chunk: number;
  rows: SweepOutput['rows'];
  errors: SweepError[];
}

/** The results of one chunk, in point order. */
export type SweepChunk = Pick<SweepOutput, 'rows' | 'errors'>;

/**
 * Runs points [start, end) of a plan on `threads` threads and hands each chunk to `onChunk` in point order.
 * With workers, the main thread plus threads - 1 workers take contiguous chunks from a shared counter, so the main
 * thread works while the workers start, and finishes alone if the sweep is over before they are ready; chunks
 * that finish early wait (a few per thread) until those before them are handed on. Output is the same whatever
 * the thread count. The in-process path yields between chunks, so signals and progress get through. A worker
 * failing (a bug, not a bad point) rejects the run.
 */
export async function runSweepChunks(
  plan: SweepPlan,
  range: { start: number; end: number },
  opts: {
    threads: number;
    onChunk: (chunk: SweepChunk) => void;
    onProgress?: (done: number, total: number) => void;
    /** Tests: leave every chunk to the workers, so their path is exercised whatever the machine's speed. */
    workersOnly?: boolean;
  },
): Promise<void> {
  const total = range.end - range.start;
  const threads = Math.min(opts.threads, Math.max(1, total));
  const size = chunkPoints(total, threads);
  const chunkCount = Math.ceil(total / size);
  const runChunkHere = (k: number): SweepChunk => {
    const start = range.start + k * size;
    return runSweepPoints(sweepPoints(plan, start, Math.min(range.end, start + size)));
  };
  const yieldToEvents = () => new Promise((r) => setImmediate(r));
  if (threads === 1) {
    let done = 0;
    for (let k = 0; k < chunkCount; k++) {
      const chunk = runChunkHere(k);
      opts.onChunk(chunk);
      done += chunk.rows.length + chunk.errors.length;
      opts.onProgress?.(done, total);
      await yieldToEvents();
    }
    return;
  }
  const { Worker } = await import('node:worker_threads');
  const nextChunk = new SharedArrayBuffer(4);
  const counter = new Int32Array(nextChunk);
  const waiting = new Map<number, SweepChunk>();
  let handedOn = 0; // chunks [0, handedOn) went to onChunk
  let donePoints = 0;
  let failure: unknown;
  let settle: (() => void) | undefined;
  const record = (m: SweepChunkMessage) => {
    if (m.chunk < handedOn || waiting.has(m.chunk)) return; // already done by another thread (see below)
    waiting.set(m.chunk, { rows: m.rows, errors: m.errors });
    donePoints += m.rows.length + m.errors.length;
    for (let c = waiting.get(handedOn); c; c = waiting.get(handedOn)) {
      waiting.delete(handedOn++);
      opts.onChunk(c);
    }
    opts.onProgress?.(donePoints, total);
    if (handedOn === chunkCount) settle?.();
  };
  const fail = (e: unknown) => {
    failure ??= e;
    settle?.();
  };
  const data: SweepWorkerData = {
    entry: new URL(`./sweepWorker${COMPILED ? '.js' : '.ts'}`, import.meta.url).href,
    plan: { file: plan.file, base: plan.base, axes: plan.axes },
    start: range.start,
    end: range.end,
    chunkPoints: size,
    nextChunk,
  };
  const workers = Array.from({ length: threads - 1 }, () => {
    // From the sources a worker first registers the TypeScript loader (sweepWorkerBoot.mjs); compiled, it needs none.
    const w = new Worker(COMPILED ? new URL(data.entry) : new URL('./sweepWorkerBoot.mjs', import.meta.url), {
      workerData: data,
    });
    w.on('message', record);
    w.on('error', fail);
    w.on('exit', (code) => {
      if (code !== 0 && handedOn < chunkCount) fail(new Error(`sweep worker exited with code ${code}`));
    });
    return w;
  });
  const runChunk = async (k: number) => {
    record({ chunk: k, ...runChunkHere(k) });
    // Let worker messages (and signals) in between chunks.
    await yieldToEvents();
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
    for (let k = handedOn; k < chunkCount; k++) if (k >= handedOn && !waiting.has(k)) await runChunk(k);
  } finally {
    for (const w of workers) {
      w.removeAllListeners('exit');
      void w.terminate();
    }
  }
}

/** Runs one shard of a sweep file on `threads` threads and collects it in memory (small sweeps and tests). */
export async function runSweepParallel(
  file: string,
  shard: SweepShard,
  opts: { threads: number; workersOnly?: boolean },
): Promise<SweepOutput> {
  const plan = planSweep(file);
  const rows: SweepOutput['rows'] = [];
  const errors: SweepError[] = [];
  await runSweepChunks(plan, shardRange(plan.totalPoints, shard), {
    ...opts,
    onChunk: (c) => {
      rows.push(...c.rows);
      errors.push(...c.errors);
    },
  });
  return sweepOutput(file, shard, plan.totalPoints, { rows, errors });
}
