// Timing GPU work: timestamp queries where the adapter offers them, wall clock around queue completion otherwise.
import type { GpuContext } from './device.ts';

export interface GpuTiming {
  /** Median seconds per repetition. */
  medianS: number;
  /** Fastest repetition, seconds. */
  minS: number;
  reps: number;
  /** "timestamp-query" or "wall-clock". */
  method: 'timestamp-query' | 'wall-clock';
}

/**
 * Times `record` (which encodes compute passes into the given encoder) over `reps` submissions after `warmup`.
 * With timestamp queries, the first and last pass of each repetition are bracketed by `timestampWrites`
 * supplied through `passTimestamps`; `record` must pass them to its first beginComputePass.
 */
export async function timeGpu(
  ctx: GpuContext,
  record: (encoder: GPUCommandEncoder, passTimestamps?: GPUComputePassTimestampWrites) => void,
  { reps = 5, warmup = 1 } = {},
): Promise<GpuTiming> {
  const useTimestamps = ctx.features.has('timestamp-query');
  const times: number[] = [];
  let querySet: GPUQuerySet | undefined;
  let resolveBuf: GPUBuffer | undefined;
  let readBuf: GPUBuffer | undefined;
  if (useTimestamps) {
    querySet = ctx.device.createQuerySet({ type: 'timestamp', count: 2 });
    resolveBuf = ctx.device.createBuffer({
      size: 16,
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
    });
    readBuf = ctx.device.createBuffer({ size: 16, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  }
  for (let i = 0; i < warmup + reps; i++) {
    const encoder = ctx.device.createCommandEncoder({ label: 'timing' });
    const ts = querySet ? { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } : undefined;
    record(encoder, ts);
    if (querySet && resolveBuf && readBuf) {
      encoder.resolveQuerySet(querySet, 0, 2, resolveBuf, 0);
      encoder.copyBufferToBuffer(resolveBuf, 0, readBuf, 0, 16);
    }
    const t0 = performance.now();
    ctx.device.queue.submit([encoder.finish()]);
    await ctx.device.queue.onSubmittedWorkDone();
    const wallS = (performance.now() - t0) / 1000;
    let seconds = wallS;
    if (readBuf) {
      await readBuf.mapAsync(GPUMapMode.READ);
      const [begin, end] = new BigUint64Array(readBuf.getMappedRange().slice(0));
      readBuf.unmap();
      const ns = Number(end! - begin!);
      // Some drivers report zeros; fall back to the wall clock for that repetition.
      if (ns > 0) seconds = ns / 1e9;
    }
    if (i >= warmup) times.push(seconds);
  }
  querySet?.destroy();
  resolveBuf?.destroy();
  readBuf?.destroy();
  const sorted = [...times].sort((a, b) => a - b);
  return {
    medianS: sorted[Math.floor(sorted.length / 2)]!,
    minS: sorted[0]!,
    reps,
    method: useTimestamps ? 'timestamp-query' : 'wall-clock',
  };
}

/** Wall-clock median of a CPU function over `reps` runs (for CPU-reference throughput in benchmarks). */
export function timeCpu(fn: () => void, { reps = 3, warmup = 1 } = {}): { medianS: number; minS: number } {
  const times: number[] = [];
  for (let i = 0; i < warmup + reps; i++) {
    const t0 = performance.now();
    fn();
    if (i >= warmup) times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { medianS: times[Math.floor(times.length / 2)]!, minS: times[0]! };
}
