// A frame's kernels on a baseline GPU as work counts: the grid encoding (sector traffic, L2 hit rate per level),
// one fully fused MLP kernel per network, and the app's "rest" kernels.
import type { GpuSpec } from '../../config/gpu.ts';
import type { FrameWorkload, WorkloadLevel } from '../../workload/types.ts';
import type { KernelWork } from './roofline.ts';

/**
 * 32-byte sectors touched per query at one level. The 2^D corners form 2^(D−1) pairs along x; x and x+1 are
 * adjacent entries both for the dense stride index and for the coherent prime hash (π₀ = 1, docs/sources.md#kernels-1-4),
 * so a pair shares a sector unless it straddles a sector boundary: expected sectors per pair = 1 + 1/n with
 * n = entries per sector (uniform cell positions). Entries wider than a sector take several.
 */
export function sectorsPerQueryAtLevel(w: FrameWorkload, sectorBytes: number): number {
  const sectorsPerEntry = Math.max(1, Math.ceil(w.entryBytes / sectorBytes));
  const entriesPerSector = Math.max(1, Math.floor(sectorBytes / w.entryBytes));
  if (w.lookupsPerQueryPerLevel < 2) return w.lookupsPerQueryPerLevel * sectorsPerEntry;
  const pairs = w.lookupsPerQueryPerLevel / 2;
  return pairs * (1 + 1 / entriesPerSector) * sectorsPerEntry;
}

/**
 * Fraction of a level's look-ups that hit in L2. tcnn launches the encoding level-major (blockIdx.y = level,
 * docs/sources.md#kernels-11-4), so one level's table competes for L2 at a time; with uniformly scattered look-ups the hit
 * rate is the resident fraction of that table: min(1, usable L2 / table bytes).
 */
export function l2HitRate(level: WorkloadLevel, gpu: GpuSpec): number {
  if (level.tableBytes <= 0) return 1;
  return Math.min(1, (gpu.l2Bytes * gpu.l2UsableFraction) / level.tableBytes);
}

/** The encoding kernel: table look-ups at sector granularity, plus the positions read and features written. */
export function encodingKernelWork(w: FrameWorkload, gpu: GpuSpec): KernelWork {
  const sectors = sectorsPerQueryAtLevel(w, gpu.sectorBytes);
  let tableL2Bytes = 0;
  let tableDramBytes = 0;
  for (const level of w.levels) {
    // Look-ups into the cell the previous query touched hit in L1 and cost no L2 traffic.
    const bytes = w.queriesPerFrame * sectors * gpu.sectorBytes * level.newCellFraction;
    tableL2Bytes += bytes;
    tableDramBytes += bytes * (1 - l2HitRate(level, gpu));
  }
  // The encoded features go to DRAM and come back for the MLP kernel (docs/sources.md#paper-2): streamed, no reuse.
  const ioBytes = w.queriesPerFrame * (w.inputBytesPerQuery + w.encodingOutputBytesPerQuery);
  return {
    name: 'encoding',
    group: 'encoding',
    aluOps: w.queriesPerFrame * w.encodingAluOpsPerQuery,
    tensorFlops: 0,
    l2Bytes: tableL2Bytes + ioBytes,
    dramBytes: tableDramBytes + ioBytes,
    launches: w.marchRoundsPerFrame,
  };
}

/** One fully fused MLP kernel per network: 2 flops per MAC on tensor cores; inputs read and outputs written once. */
export function mlpKernelWork(w: FrameWorkload): KernelWork[] {
  return w.mlps.map((m) => {
    const macs =
      m.inputDims * m.width + m.width * m.width * (m.hiddenLayers - 1) + m.width * m.outputDimsPadded;
    const ioBytes = w.queriesPerFrame * (m.inputDims + m.outputDimsPadded) * w.activationBytes;
    return {
      name: `mlp:${m.name}`,
      group: 'mlp' as const,
      aluOps: 0,
      tensorFlops: 2 * macs * w.queriesPerFrame,
      l2Bytes: ioBytes,
      dramBytes: ioBytes,
      launches: w.marchRoundsPerFrame,
    };
  });
}

/** The app's remaining kernels (ray generation, marching, compositing, …), unfused as the baseline runs them. */
export function restKernelWork(w: FrameWorkload): KernelWork[] {
  return w.rest.map((k) => ({
    name: k.name,
    group: 'rest' as const,
    aluOps: k.aluOps,
    tensorFlops: 0,
    l2Bytes: k.dramBytes,
    dramBytes: k.dramBytes,
    launches: k.launches,
  }));
}

/** Every kernel of a frame, in execution order: rest kernels around the encoding and MLP. */
export function frameKernelWork(w: FrameWorkload, gpu: GpuSpec): KernelWork[] {
  return [encodingKernelWork(w, gpu), ...mlpKernelWork(w), ...restKernelWork(w)];
}
