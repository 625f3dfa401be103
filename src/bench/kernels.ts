// The `kernels` benchmark: GPU throughput of each WebGPU kernel against its CPU reference, measured in one run.
import type { ShEncodingSpec } from '../encoding/encodingConfig.ts';
import { encodingPreset } from '../encoding/encodingConfig.ts';
import { encodeGridCpu } from '../encoding/gridEncoding.cpu.ts';
import { GridEncodingGpu } from '../encoding/gridEncoding.gpu.ts';
import { gridOutputWidth, initGridParams } from '../encoding/gridEncoding.ts';
import { type GridEncodingSpec, type LevelLayout, levelLayout } from '../encoding/gridLayout.ts';
import { seededRng } from '../encoding/rng.ts';
import { encodeShCpu } from '../encoding/sphericalHarmonics.cpu.ts';
import { encodeShGpu } from '../encoding/sphericalHarmonics.gpu.ts';
import { storageBuffer } from '../gpu/buffers.ts';
import type { GpuContext } from '../gpu/device.ts';
import { timeCpu, timeGpu } from '../gpu/timing.ts';
import { EncodeMlpGpu } from '../mlp/encodeMlp.gpu.ts';
import { mlpBackwardCpu, mlpForwardCpu } from '../mlp/mlp.cpu.ts';
import { MlpGpu, type RecordFn } from '../mlp/mlp.gpu.ts';
import { initMlpParams } from '../mlp/mlpInit.ts';
import { type MlpLayout, mlpLayout } from '../mlp/mlpLayout.ts';

export interface KernelBenchOptions {
  /** Largest batch, log2 (default 20: 2^20 queries). Batches are 2^14, 2^17, 2^20 up to this. */
  maxBatchLog2?: number;
  /** Called before each measurement (the CLI shows it on a TTY only). */
  onProgress?: (label: string, done: number, total: number) => void;
}

/** One kernel at one batch size. Rates are per second of GPU time (timestamp queries where available). */
export interface KernelBenchRow {
  kernel: string;
  /** What the kernel computes, e.g. network shape or encoding. */
  config: string;
  batch: number;
  gpuSeconds: number;
  queriesPerS: number;
  /** Bytes the kernel must move at least (inputs, outputs, parameters, table look-ups) per second, in GB/s. */
  gbPerS: number;
  /** Useful floating-point operations per second (2 per multiply-add), in GFLOP/s. */
  gflopPerS: number;
  /** The CPU reference's throughput, measured in the same run on min(batch, cpuBatch) queries. */
  cpuQueriesPerS: number;
  /** queriesPerS / cpuQueriesPerS. */
  gpuOverCpu: number;
  timing: string;
}

export interface KernelBenchReport {
  adapter: string;
  software: boolean;
  rows: KernelBenchRow[];
  /** Fused enc+MLP vs encoding → buffer → MLP, per batch: time(two) / time(fused). */
  fusedOverTwoDispatch: { batch: number; ratio: number }[];
  /** The goal: fused MLP forward (f32) ≥ 5× the CPU reference at the largest batch. */
  mlpForwardGoal: { target: number; measured: number; met: boolean };
}

/** Per-query work of a kernel: bytes and flops (for GB/s and GFLOP/s), plus bytes fixed per batch. */
interface Work {
  bytesPerQuery: number;
  fixedBytes: number;
  flopsPerQuery: number;
}

const MLP_FORWARD_GOAL = 5;
/** CPU reference batch: large enough for a stable rate, small enough to keep the run short. */
const CPU_BATCH = 1 << 11;

function mlpWork(layout: MlpLayout): Work {
  return {
    bytesPerQuery: 4 * (layout.spec.nInputDims + layout.spec.nOutputDims),
    fixedBytes: 4 * layout.nParams,
    flopsPerQuery: 2 * layout.macsPerQuery,
  };
}

function gridWork(layout: LevelLayout): Work {
  const s = layout.spec;
  const corners = s.interpolation === 'Nearest' ? 1 : 2 ** s.nDims;
  // Reads D coordinates, L·2^D·F table values, writes L·F features; per corner: D weight products + F fma.
  return {
    bytesPerQuery:
      4 * (s.nDims + s.nLevels * corners * s.nFeaturesPerLevel + s.nLevels * s.nFeaturesPerLevel),
    fixedBytes: 0,
    flopsPerQuery: s.nLevels * corners * (s.nDims + 2 * s.nFeaturesPerLevel),
  };
}

function batches(maxLog2: number, capLog2 = 20): number[] {
  return [14, 17, 20].filter((l) => l <= Math.min(maxLog2, capLog2)).map((l) => 2 ** l);
}

function randoms(n: number, seed: number, lo = 0, hi = 1): Float32Array {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(lo, hi));
}

/** Repetitions: fewer at large batches (a 2^20 MLP pass takes seconds on a software adapter). */
function reps(batch: number): { reps: number; warmup: number } {
  return batch >= 1 << 20 ? { reps: 2, warmup: 1 } : { reps: 3, warmup: 1 };
}

/** Runs every kernel at every batch size; deterministic inputs (seeded), rows in a fixed order. */
export async function benchKernels(
  ctx: GpuContext,
  options: KernelBenchOptions = {},
): Promise<KernelBenchReport> {
  const maxLog2 = options.maxBatchLog2 ?? 20;
  const rows: KernelBenchRow[] = [];
  const fused: { batch: number; ratio: number }[] = [];
  const steps: (() => Promise<void>)[] = [];
  const row = (
    kernel: string,
    config: string,
    batch: number,
    gpuS: number,
    timing: string,
    work: Work,
    cpuQps: number,
  ) => {
    const qps = batch / gpuS;
    rows.push({
      kernel,
      config,
      batch,
      gpuSeconds: gpuS,
      queriesPerS: qps,
      gbPerS: (work.bytesPerQuery * batch + work.fixedBytes) / gpuS / 1e9,
      gflopPerS: (work.flopsPerQuery * batch) / gpuS / 1e9,
      cpuQueriesPerS: cpuQps,
      gpuOverCpu: qps / cpuQps,
      timing,
    });
  };
  const time = async (record: RecordFn, batch: number) => {
    const t = await timeGpu(ctx, record, reps(batch));
    return { s: t.medianS, method: t.method };
  };

  // Hash grid forward (instant-ngp 2022 NeRF grid: L16, F2, T 2^19).
  const gridSpec = encodingPreset('nerf') as GridEncodingSpec;
  const grid = levelLayout(gridSpec);
  const gridParams = initGridParams(grid, seededRng(1), 1);
  const gridCfg = `HashGrid L${gridSpec.nLevels} F${gridSpec.nFeaturesPerLevel} T2^${gridSpec.log2HashmapSize} D${gridSpec.nDims}`;
  const gridCpuPos = randoms(CPU_BATCH * 3, 2);
  const gridCpuQps = CPU_BATCH / timeCpu(() => encodeGridCpu(grid, gridParams, gridCpuPos)).medianS;
  for (const batch of batches(maxLog2)) {
    steps.push(async () => {
      const g = new GridEncodingGpu(ctx, grid);
      g.setParams(gridParams);
      const pos = storageBuffer(ctx, 'bench/grid:positions', randoms(batch * 3, 3));
      const run = await g.prepareForward(pos, batch);
      const t = await time(run.record, batch);
      row('hashGrid forward', gridCfg, batch, t.s, t.method, gridWork(grid), gridCpuQps);
      run.encoded.destroy();
      pos.destroy();
      g.destroy();
    });
  }

  // Spherical harmonics, degree 4 (its wrapper has no prepared form: timed by wall clock, transfers included).
  const sh: ShEncodingSpec = encodingPreset('sh') as ShEncodingSpec;
  const shCpuDirs = randoms(CPU_BATCH * 4 * 3, 4);
  const shCpuQps = (CPU_BATCH * 4) / timeCpu(() => encodeShCpu(sh, shCpuDirs)).medianS;
  for (const batch of batches(maxLog2)) {
    steps.push(async () => {
      const dirs = randoms(batch * 3, 5);
      await encodeShGpu(ctx, sh, dirs); // warm-up: pipeline compile
      const t0 = performance.now();
      await encodeShGpu(ctx, sh, dirs);
      const s = (performance.now() - t0) / 1000;
      const work = {
        bytesPerQuery: 4 * (3 + sh.degree ** 2),
        fixedBytes: 0,
        flopsPerQuery: 3 * sh.degree ** 2,
      };
      row(
        'sphericalHarmonics forward',
        `SH degree ${sh.degree}`,
        batch,
        s,
        'wall-clock incl. transfers',
        work,
        shCpuQps,
      );
    });
  }

  // MLP forward, f32 and f16 (NSDF/NVR-style network: 32 → 64 → 64 → 1 padded to 16, 7,168 weights).
  const mlp = mlpLayout({
    otype: 'FullyFusedMLP',
    nInputDims: 32,
    nOutputDims: 1,
    nNeurons: 64,
    nHiddenLayers: 2,
    activation: 'ReLU',
    outputActivation: 'None',
  });
  const mlpParams = initMlpParams(mlp, 6);
  const mlpCfg = '32→64→64→1 (pad 16), ReLU';
  const mlpCpuIn = randoms(CPU_BATCH * 32, 7, -1, 1);
  const mlpCpuQps = CPU_BATCH / timeCpu(() => mlpForwardCpu(mlp, mlpParams, mlpCpuIn)).medianS;
  for (const precision of ['f32', 'f16'] as const) {
    for (const batch of batches(maxLog2)) {
      steps.push(async () => {
        const m = new MlpGpu(ctx, mlp, { precision });
        m.setParams(mlpParams);
        const input = storageBuffer(ctx, 'bench/mlp:inputs', randoms(batch * 32, 8, -1, 1));
        const run = await m.prepareForward(input, batch);
        const t = await time(run.record, batch);
        row(`mlp forward ${precision}`, mlpCfg, batch, t.s, t.method, mlpWork(mlp), mlpCpuQps);
        run.destroy();
        input.destroy();
        m.destroy();
      });
    }
  }

  // MLP backward (training forward keeping activations + δ pass + weight-gradient reduction); hidden activations
  // must fit one binding, so batches stop at 2^17.
  const dLdy = randoms(CPU_BATCH, 9, -1, 1);
  const mlpBwdCpuQps =
    CPU_BATCH /
    timeCpu(() => mlpBackwardCpu(mlp, mlpParams, mlpForwardCpu(mlp, mlpParams, mlpCpuIn), dLdy)).medianS;
  for (const batch of batches(maxLog2, 17)) {
    steps.push(async () => {
      const m = new MlpGpu(ctx, mlp);
      m.setParams(mlpParams);
      const input = storageBuffer(ctx, 'bench/mlp:inputs', randoms(batch * 32, 8, -1, 1));
      const grad = storageBuffer(ctx, 'bench/mlp:dLdy', randoms(batch, 10, -1, 1));
      const fwd = await m.prepareForward(input, batch, { storeHidden: true });
      const bwd = await m.prepareBackward(fwd.state, grad);
      const record: RecordFn = (encoder, ts) => {
        fwd.record(
          encoder,
          ts && { querySet: ts.querySet, beginningOfPassWriteIndex: ts.beginningOfPassWriteIndex },
        );
        bwd.record(encoder, ts && { querySet: ts.querySet, endOfPassWriteIndex: ts.endOfPassWriteIndex });
      };
      const t = await time(record, batch);
      // Backward ≈ 2× the forward's multiply-adds (δ pass + weight gradients) plus the forward itself.
      const work = { ...mlpWork(mlp), flopsPerQuery: 3 * mlpWork(mlp).flopsPerQuery };
      row('mlp forward+backward f32', mlpCfg, batch, t.s, t.method, work, mlpBwdCpuQps);
      bwd.destroy();
      fwd.destroy();
      input.destroy();
      grad.destroy();
      m.destroy();
    });
  }

  // Fused hash grid + density MLP (NeRF: 32 → 64 → 16) vs the two-dispatch version.
  const density = mlpLayout({
    otype: 'FullyFusedMLP',
    nInputDims: gridOutputWidth(grid),
    nOutputDims: 16,
    nNeurons: 64,
    nHiddenLayers: 1,
    activation: 'ReLU',
    outputActivation: 'None',
  });
  const densityParams = initMlpParams(density, 11);
  const fusedCfg = `${gridCfg} → 32→64→16`;
  const fusedCpuQps =
    CPU_BATCH /
    timeCpu(() => mlpForwardCpu(density, densityParams, encodeGridCpu(grid, gridParams, gridCpuPos))).medianS;
  const fusedWork: Work = {
    bytesPerQuery: gridWork(grid).bytesPerQuery - 4 * 32 + 4 * 16,
    fixedBytes: 4 * density.nParams,
    flopsPerQuery: gridWork(grid).flopsPerQuery + 2 * density.macsPerQuery,
  };
  for (const batch of batches(maxLog2)) {
    steps.push(async () => {
      const e = new EncodeMlpGpu(ctx, grid, density);
      e.setParams(gridParams, densityParams);
      const pos = storageBuffer(ctx, 'bench/encodeMlp:positions', randoms(batch * 3, 12));
      const one = await e.prepareFused(pos, batch);
      const tOne = await time(one.record, batch);
      row('hashGrid+mlp fused (1 dispatch)', fusedCfg, batch, tOne.s, tOne.method, fusedWork, fusedCpuQps);
      one.destroy();
      const two = await e.prepareTwoDispatch(pos, batch);
      const tTwo = await time(two.record, batch);
      row('hashGrid+mlp (2 dispatches)', fusedCfg, batch, tTwo.s, tTwo.method, fusedWork, fusedCpuQps);
      two.destroy();
      fused.push({ batch, ratio: tTwo.s / tOne.s });
      pos.destroy();
      e.destroy();
    });
  }

  for (const [i, step] of steps.entries()) {
    options.onProgress?.('kernels', i, steps.length);
    await step();
  }
  options.onProgress?.('kernels', steps.length, steps.length);

  const mlpRows = rows.filter((r) => r.kernel === 'mlp forward f32');
  const measured = mlpRows.at(-1)?.gpuOverCpu ?? 0;
  return {
    adapter: ctx.adapterName,
    software: ctx.adapterInfo.isSoftware,
    rows,
    fusedOverTwoDispatch: fused,
    mlpForwardGoal: { target: MLP_FORWARD_GOAL, measured, met: measured >= MLP_FORWARD_GOAL },
  };
}
