// Grid encoding on WebGPU: level table upload, parameter tables split over bindings, forward and both backward dispatches.
import { invariant, NgpcInputError } from '../errors.ts';
import { readF32, readU32, storageBuffer, uniformBuffer } from '../gpu/buffers.ts';
import type { GpuContext } from '../gpu/device.ts';
import { bindBuffers, computePipeline, workgroupGrid } from '../gpu/pipeline.ts';
import { bool, f32, u32, type WgslConstants } from '../gpu/wgsl.ts';
import { wgslStruct } from '../gpu/wgslStruct.ts';
import { fmaIsFused } from './fmaProbe.gpu.ts';
import {
  checkGridOutputGrad,
  checkGridParams,
  gridBatchSize,
  gridOutputWidth,
  INTERPOLATION_CODE,
} from './gridEncoding.ts';
import { type LevelInfo, type LevelLayout, MAX_BASE } from './gridLayout.ts';

/** Parameter bindings in group 1 of every grid kernel (kernels/gridParams.wgsl): 4 keeps each kernel within
 *  WebGPU's default 8 storage buffers per stage. With lavapipe's 128 MiB binding limit that is 512 MiB of table. */
export const GRID_PARAM_BINDINGS = 4;

/** `GridLevel.mode` codes of kernels/gridIndex.wgsl. */
export const GRID_INDEX_MODE = { dense: 0, hash: 1, zero: 2 } as const;

/**
 * Scatter-add used by the parameter backward (WGSL has no f32 atomics). Measured on llvmpipe (Mesa 25.0.7,
 * LLVM 15, 2 cores), NeRF-2022 hash grid (L16 F2 T2^19, 3-D), workgroup 64, wall clock of `paramGrad` at 2^18
 * minus 2^10 points, median of 3: compare-exchange loop on the f32 bits 1,316 ms; fixed-point i32 atomicAdd
 * 1,716 ms. The CAS loop is faster here (contention is low on a CPU adapter) and exact f32 addition (only the
 * order of additions varies); fixed point also needs a global bound (Σ|dL/dy| per level) and then loses
 * ~log2(N·2^D) bits, far outside the 1e-5 target for large batches. A deterministic sort-and-reduce was not built:
 * it needs a radix sort of N·L·2^D keys, several passes over more data than the scatter itself.
 */
export type ScatterMode = 'cas' | 'fixedPoint';
export const DEFAULT_SCATTER_MODE: ScatterMode = 'cas';

export interface GridGpuOptions {
  /** Largest storage binding in bytes (default: the device's maxStorageBufferBindingSize); tests force it small. */
  maxBindingBytes?: number;
  /** Invocations per workgroup (default 64). */
  workgroupSize?: number;
  /** Parameter-gradient scatter-add method (default DEFAULT_SCATTER_MODE). */
  scatter?: ScatterMode;
}

/** Where each level's parameters live: which binding, and the f32 index of its first entry there. */
export interface ParamChunkPlan {
  chunkOfLevel: number[];
  baseOfLevel: number[];
  /** First parameter (f32 index in the whole table) and length of each chunk. */
  chunks: { first: number; floats: number }[];
}

/**
 * Splits the parameter table into bindings of whole levels, greedily, each at most `maxBindingBytes`.
 * A single level larger than one binding, or more chunks than GRID_PARAM_BINDINGS, is rejected (never truncated).
 */
export function planParamChunks(layout: LevelLayout, maxBindingBytes: number): ParamChunkPlan {
  const nF = layout.spec.nFeaturesPerLevel;
  const maxFloats = Math.floor(maxBindingBytes / 4);
  const plan: ParamChunkPlan = { chunkOfLevel: [], baseOfLevel: [], chunks: [] };
  for (const level of layout.levels) {
    const floats = level.entries * nF;
    const first = level.offset * nF;
    if (floats > maxFloats) {
      throw new NgpcInputError(
        `grid level ${level.level} needs ${floats * 4} bytes of parameters (${level.entries} entries × ${nF} features × 4 B), ` +
          `more than one storage binding holds on this adapter (maxStorageBufferBindingSize ${maxBindingBytes} bytes); ` +
          'lower log2_hashmap_size or n_features_per_level',
      );
    }
    let chunk = plan.chunks[plan.chunks.length - 1];
    if (!chunk || chunk.floats + floats > maxFloats) {
      chunk = { first, floats: 0 };
      plan.chunks.push(chunk);
    }
    plan.chunkOfLevel.push(plan.chunks.length - 1);
    plan.baseOfLevel.push(first - chunk.first);
    chunk.floats += floats;
  }
  if (plan.chunks.length > GRID_PARAM_BINDINGS) {
    throw new NgpcInputError(
      `grid parameters need ${layout.nParams * 4} bytes, split into ${plan.chunks.length} bindings of at most ` +
        `${maxBindingBytes} bytes (maxStorageBufferBindingSize); the kernels have ${GRID_PARAM_BINDINGS}: ` +
        'lower log2_hashmap_size, n_levels or n_features_per_level',
    );
  }
  return plan;
}

/** tcnn grid_index's branch for a level, decided on the host (docs/sources.md#kernels-1-4); mirrors gridLayout.gridIndex. */
export function levelIndexMode(layout: LevelLayout, level: LevelInfo): number {
  const nDims = layout.spec.nDims;
  const linear = level.resolution <= (MAX_BASE[nDims] ?? 0);
  const stride = linear ? level.resolution ** nDims : 0xffffffff;
  if (layout.spec.type === 'Hash' && level.entries < stride) return GRID_INDEX_MODE.hash;
  return linear ? GRID_INDEX_MODE.dense : GRID_INDEX_MODE.zero;
}

/** The `GridLevel` record of kernels/gridIndex.wgsl (kernels/generated/gridLevel.wgsl is rendered from this). */
export const GRID_LEVEL = wgslStruct(
  'GridLevel',
  {
    source: 'src/encoding/gridEncoding.gpu.ts',
    doc: 'One grid level (docs/sources.md#kernels-1-2). Every field is computed on the host (`levelTable`), never in WGSL.',
  },
  {
    scale: {
      type: 'f32',
      doc: 'scale_l = exp2(l·log2 b)·N_min − 1, rounded to f32 on the host exactly as tcnn does.',
    },
    resolution: { type: 'u32', doc: 'Grid vertices per axis: ceil(scale) + 1.' },
    entries: { type: 'u32', doc: "Entries in this level's table (the modulo of tcnn's grid_index)." },
    mode: {
      type: 'u32',
      doc: "GRID_INDEX_DENSE, GRID_INDEX_HASH or GRID_INDEX_ZERO, decided on the host from tcnn's grid_index branches.",
    },
    chunk: {
      type: 'u32',
      doc: "Parameter binding (group 1) that holds this level, and the f32 index of the level's first entry in it.",
    },
    base: { type: 'u32' },
    one: {
      type: 'f32',
      doc: "Always 1.0, read at run time so that exactFma's error terms cannot be folded away by the driver's optimizer.",
    },
    pad0: { type: 'u32', doc: 'Uniform array elements are 16-byte aligned.' },
  },
);

/** The `GridLevel` uniform array, computed once on the host (docs/sources.md#kernels-1-2). */
export function levelTable(layout: LevelLayout, plan: ParamChunkPlan): ArrayBuffer {
  return GRID_LEVEL.pack(
    layout.levels.map((level) => ({
      scale: level.scale,
      resolution: level.resolution,
      entries: level.entries,
      mode: levelIndexMode(layout, level),
      chunk: plan.chunkOfLevel[level.level]!,
      base: plan.baseOfLevel[level.level]!,
      one: 1, // see exactFma in kernels/gridCell.wgsl
    })),
  );
}

/** A grid encoding bound to a device: level table and pipelines; parameters uploaded with `setParams`. */
export class GridEncodingGpu {
  readonly plan: ParamChunkPlan;
  private paramBuffers: GPUBuffer[] | null = null;
  private readonly levels: GPUBuffer;
  private readonly dummies: GPUBuffer[];
  private readonly maxBindingBytes: number;
  private readonly workgroupSize: number;
  readonly scatter: ScatterMode;

  constructor(
    readonly ctx: GpuContext,
    readonly layout: LevelLayout,
    options: GridGpuOptions = {},
  ) {
    this.maxBindingBytes = Math.min(
      options.maxBindingBytes ?? Number.POSITIVE_INFINITY,
      ctx.limits.maxStorageBufferBindingSize,
    );
    this.workgroupSize = options.workgroupSize ?? 64;
    this.scatter = options.scatter ?? DEFAULT_SCATTER_MODE;
    this.plan = planParamChunks(layout, this.maxBindingBytes);
    this.levels = uniformBuffer(ctx, 'encoding/grid:levels', new Uint8Array(levelTable(layout, this.plan)));
    this.dummies = Array.from({ length: GRID_PARAM_BINDINGS }, (_, i) =>
      storageBuffer(ctx, `encoding/grid:unused${i}`, { bytes: 4 }),
    );
  }

  private async constants(extra: WgslConstants = {}): Promise<WgslConstants> {
    const spec = this.layout.spec;
    return {
      EXACT_FMA: bool(!(await fmaIsFused(this.ctx))),
      WORKGROUP_SIZE: u32(this.workgroupSize),
      N_LEVELS: u32(spec.nLevels),
      N_DIMS: u32(spec.nDims),
      N_FEATURES: u32(spec.nFeaturesPerLevel),
      INTERPOLATION: u32(INTERPOLATION_CODE[spec.interpolation]),
      ...extra,
    };
  }

  private get labelBase(): string {
    return `encoding/${this.layout.spec.type === 'Hash' ? 'hashGrid' : this.layout.spec.type === 'Dense' ? 'denseGrid' : 'tiledGrid'}`;
  }

  /** Uploads parameters (tcnn layout), one buffer per chunk. */
  setParams(params: Float32Array): void {
    checkGridParams(this.layout, params);
    this.destroyParams();
    this.paramBuffers = this.plan.chunks.map((chunk, i) =>
      storageBuffer(
        this.ctx,
        `${this.labelBase}:params${i}`,
        params.subarray(chunk.first, chunk.first + chunk.floats),
      ),
    );
  }

  /** Group 1: the chunks, then distinct 4-byte placeholders (writable bindings may not alias). */
  private paramGroup(pipeline: GPUComputePipeline, buffers: GPUBuffer[], label: string): GPUBindGroup {
    const all = Array.from({ length: GRID_PARAM_BINDINGS }, (_, i) => buffers[i] ?? this.dummies[i]!);
    return bindBuffers(this.ctx, pipeline, label, all, 1);
  }

  /** A storage buffer holding rows [start, start + count) of a row-major array with `rowWidth` floats per row. */
  private rowsBuffer(
    label: string,
    data: Float32Array,
    rowWidth: number,
    start: number,
    count: number,
  ): GPUBuffer {
    return storageBuffer(this.ctx, label, data.subarray(start * rowWidth, (start + count) * rowWidth));
  }

  /** Points per dispatch so that no per-point buffer exceeds one binding. */
  private batchRows(): number {
    const widest = Math.max(gridOutputWidth(this.layout), this.layout.spec.nDims) * 4;
    return Math.max(1, Math.floor(this.maxBindingBytes / widest));
  }

  private dispatchAll(
    encoder: GPUCommandEncoder,
    pipeline: GPUComputePipeline,
    groups: GPUBindGroup[],
    nPoints: number,
    perLevel: boolean,
    label: string,
    timestampWrites?: GPUComputePassTimestampWrites,
  ): void {
    const pass = encoder.beginComputePass({ label, timestampWrites });
    pass.setPipeline(pipeline);
    for (const [i, g] of groups.entries()) pass.setBindGroup(i, g);
    const [x, y] = workgroupGrid(this.ctx, Math.ceil(nPoints / this.workgroupSize));
    pass.dispatchWorkgroups(x, y, perLevel ? this.layout.spec.nLevels : 1);
    pass.end();
  }

  /**
   * Runs a backward kernel over a host batch in slices that fit one binding. Per slice: uploads the rows of positions
   * and dL/dy, binds [levels, positions, dL/dy, ...outputs] beside `paramGroup`, dispatches, and awaits `collect`
   * (which must wait for the GPU: a read-back or onSubmittedWorkDone) before freeing the slice's buffers.
   */
  private async backwardSlices(
    kernel: { pipeline: GPUComputePipeline; paramGroup: GPUBindGroup; label: string; perLevel: boolean },
    positions: Float32Array,
    dLdy: Float32Array,
    nPoints: number,
    slice: (start: number, count: number) => { outputs: GPUBuffer[]; collect: () => Promise<unknown> },
  ): Promise<void> {
    const { pipeline, paramGroup, label, perLevel } = kernel;
    const nDims = this.layout.spec.nDims;
    const width = gridOutputWidth(this.layout);
    const rows = this.batchRows();
    for (let start = 0; start < nPoints; start += rows) {
      const count = Math.min(rows, nPoints - start);
      const pos = this.rowsBuffer(`${label}:positions`, positions, nDims, start, count);
      const g = this.rowsBuffer(`${label}:dLdy`, dLdy, width, start, count);
      const { outputs, collect } = slice(start, count);
      const groups = [bindBuffers(this.ctx, pipeline, label, [this.levels, pos, g, ...outputs]), paramGroup];
      const encoder = this.ctx.device.createCommandEncoder({ label });
      this.dispatchAll(encoder, pipeline, groups, count, perLevel, label);
      this.ctx.device.queue.submit([encoder.finish()]);
      await collect();
      pos.destroy();
      g.destroy();
      for (const b of outputs) b.destroy();
    }
  }

  private requireParams(): GPUBuffer[] {
    invariant(this.paramBuffers, 'GridEncodingGpu: setParams before encoding');
    return this.paramBuffers;
  }

  /**
   * A prepared forward over device-resident positions: returns a `record` function for timing and the output
   * buffer. Positions must fit one binding (use `encode` for arbitrary batches).
   */
  async prepareForward(positions: GPUBuffer, nPoints: number) {
    const label = `${this.labelBase}:forward`;
    const pipeline = await computePipeline(this.ctx, {
      kernel: 'gridEncoding.wgsl',
      constants: await this.constants(),
      label,
    });
    const encoded = storageBuffer(this.ctx, `${label}:out`, {
      bytes: nPoints * gridOutputWidth(this.layout) * 4,
    });
    const groups = [
      bindBuffers(this.ctx, pipeline, label, [this.levels, positions, encoded]),
      this.paramGroup(pipeline, this.requireParams(), `${label}:params`),
    ];
    const record = (encoder: GPUCommandEncoder, timestampWrites?: GPUComputePassTimestampWrites) =>
      this.dispatchAll(encoder, pipeline, groups, nPoints, true, label, timestampWrites);
    return { record, encoded };
  }

  /** Forward: N × (L·F) features (same contract as encodeGridCpu). */
  async encode(positions: Float32Array): Promise<Float32Array> {
    const n = gridBatchSize(this.layout, positions);
    const nDims = this.layout.spec.nDims;
    const width = gridOutputWidth(this.layout);
    const out = new Float32Array(n * width);
    const rows = this.batchRows();
    for (let start = 0; start < n; start += rows) {
      const count = Math.min(rows, n - start);
      const pos = this.rowsBuffer(`${this.labelBase}:positions`, positions, nDims, start, count);
      const { record, encoded } = await this.prepareForward(pos, count);
      const encoder = this.ctx.device.createCommandEncoder({ label: `${this.labelBase}:forward` });
      record(encoder);
      this.ctx.device.queue.submit([encoder.finish()]);
      out.set(await readF32(this.ctx, encoded, count * width), start * width);
      pos.destroy();
      encoded.destroy();
    }
    return out;
  }

  /** Backward to the parameters: dL/dP in tcnn layout (same contract as gridParamGradCpu). */
  async paramGrad(positions: Float32Array, dLdy: Float32Array): Promise<Float32Array> {
    const n = gridBatchSize(this.layout, positions);
    checkGridOutputGrad(this.layout, n, dLdy);
    const width = gridOutputWidth(this.layout);
    const label = `${this.labelBase}:backwardParams`;
    let fixedScale = 1;
    if (this.scatter === 'fixedPoint') {
      // Any entry's |sum| ≤ Σ_i max_f |dL/dy_{i,l,f}| because corner weights sum to 1; keep 2^30 of headroom.
      let bound = 0;
      for (let i = 0; i < n; i++) {
        for (let l = 0; l < this.layout.spec.nLevels; l++) {
          let m = 0;
          for (let f = 0; f < this.layout.spec.nFeaturesPerLevel; f++) {
            m = Math.max(m, Math.abs(dLdy[i * width + l * this.layout.spec.nFeaturesPerLevel + f]!));
          }
          bound += m;
        }
      }
      fixedScale = 2 ** Math.floor(Math.log2(2 ** 30 / Math.max(bound, 2 ** -100)));
      fixedScale = Math.min(fixedScale, 2 ** 100);
    }
    const pipeline = await computePipeline(this.ctx, {
      kernel: 'gridEncodingBackward.wgsl',
      constants: await this.constants({
        SCATTER_MODE: u32(this.scatter === 'fixedPoint' ? 1 : 0),
        FIXED_POINT_SCALE: f32(fixedScale),
      }),
      label,
    });
    const grads = this.plan.chunks.map((c, i) =>
      storageBuffer(this.ctx, `${label}:grads${i}`, { bytes: c.floats * 4 }),
    );
    const paramGroup = this.paramGroup(pipeline, grads, `${label}:grads`);
    await this.backwardSlices({ pipeline, paramGroup, label, perLevel: true }, positions, dLdy, n, () => ({
      outputs: [],
      collect: () => this.ctx.device.queue.onSubmittedWorkDone(),
    }));
    const out = new Float32Array(this.layout.nParams);
    for (const [i, chunk] of this.plan.chunks.entries()) {
      const bits = await readU32(this.ctx, grads[i]!, chunk.floats);
      if (this.scatter === 'fixedPoint') {
        const ints = new Int32Array(bits.buffer, bits.byteOffset, bits.length);
        for (let j = 0; j < ints.length; j++) out[chunk.first + j] = ints[j]! / fixedScale;
      } else {
        out.set(new Float32Array(bits.buffer, bits.byteOffset, bits.length), chunk.first);
      }
      grads[i]!.destroy();
    }
    return out;
  }

  /** Backward to the positions: dL/dx, N × D (same contract as gridInputGradCpu). */
  async inputGrad(positions: Float32Array, dLdy: Float32Array): Promise<Float32Array> {
    const n = gridBatchSize(this.layout, positions);
    checkGridOutputGrad(this.layout, n, dLdy);
    const nDims = this.layout.spec.nDims;
    const label = `${this.labelBase}:backwardInput`;
    const pipeline = await computePipeline(this.ctx, {
      kernel: 'gridEncodingInputGrad.wgsl',
      constants: await this.constants(),
      label,
    });
    const paramGroup = this.paramGroup(pipeline, this.requireParams(), `${label}:params`);
    const out = new Float32Array(n * nDims);
    await this.backwardSlices(
      { pipeline, paramGroup, label, perLevel: false },
      positions,
      dLdy,
      n,
      (start, count) => {
        const dx = storageBuffer(this.ctx, `${label}:dLdx`, { bytes: count * nDims * 4 });
        const collect = async () => out.set(await readF32(this.ctx, dx, count * nDims), start * nDims);
        return { outputs: [dx], collect };
      },
    );
    return out;
  }

  /** The uploaded parameter chunks (device-resident; src/train steps them in place). */
  get paramChunkBuffers(): readonly GPUBuffer[] {
    return this.requireParams();
  }

  /**
   * A prepared parameter backward over device-resident positions and dL/dy (both must fit one binding), for training:
   * `record` clears the per-chunk gradient buffers and scatters into them (CAS mode only: fixed point needs a host bound).
   */
  async prepareParamGrad(positions: GPUBuffer, dLdy: GPUBuffer, nPoints: number) {
    const label = `${this.labelBase}:backwardParams`;
    invariant(this.scatter === 'cas', 'prepareParamGrad needs the CAS scatter mode');
    const pipeline = await computePipeline(this.ctx, {
      kernel: 'gridEncodingBackward.wgsl',
      constants: await this.constants({ SCATTER_MODE: u32(0), FIXED_POINT_SCALE: f32(1) }),
      label,
    });
    const grads = this.plan.chunks.map((c, i) =>
      storageBuffer(this.ctx, `${label}:grads${i}`, { bytes: c.floats * 4 }),
    );
    const groups = [
      bindBuffers(this.ctx, pipeline, label, [this.levels, positions, dLdy]),
      this.paramGroup(pipeline, grads, `${label}:grads`),
    ];
    const record = (encoder: GPUCommandEncoder) => {
      for (const g of grads) encoder.clearBuffer(g);
      this.dispatchAll(encoder, pipeline, groups, nPoints, true, label);
    };
    const destroy = () => {
      for (const g of grads) g.destroy();
    };
    return { record, grads, destroy };
  }

  private destroyParams(): void {
    for (const b of this.paramBuffers ?? []) b.destroy();
    this.paramBuffers = null;
  }

  destroy(): void {
    this.destroyParams();
    this.levels.destroy();
    for (const b of this.dummies) b.destroy();
  }
}

/** Runs `use` on a grid encoding bound to `ctx`, then frees its buffers (whether or not `use` throws). */
async function withGridGpu<T>(
  ctx: GpuContext,
  layout: LevelLayout,
  options: GridGpuOptions | undefined,
  use: (grid: GridEncodingGpu) => Promise<T>,
): Promise<T> {
  const grid = new GridEncodingGpu(ctx, layout, options);
  try {
    return await use(grid);
  } finally {
    grid.destroy();
  }
}

/** Forward on the GPU with the CPU reference's contract. */
export async function encodeGridGpu(
  ctx: GpuContext,
  layout: LevelLayout,
  params: Float32Array,
  positions: Float32Array,
  options?: GridGpuOptions,
): Promise<Float32Array> {
  return withGridGpu(ctx, layout, options, (grid) => {
    grid.setParams(params);
    return grid.encode(positions);
  });
}

/** Parameter gradient on the GPU with the CPU reference's contract. */
export async function gridParamGradGpu(
  ctx: GpuContext,
  layout: LevelLayout,
  positions: Float32Array,
  dLdy: Float32Array,
  options?: GridGpuOptions,
): Promise<Float32Array> {
  return withGridGpu(ctx, layout, options, (grid) => grid.paramGrad(positions, dLdy));
}

/** Input gradient on the GPU with the CPU reference's contract. */
export async function gridInputGradGpu(
  ctx: GpuContext,
  layout: LevelLayout,
  params: Float32Array,
  positions: Float32Array,
  dLdy: Float32Array,
  options?: GridGpuOptions,
): Promise<Float32Array> {
  return withGridGpu(ctx, layout, options, (grid) => {
    grid.setParams(params);
    return grid.inputGrad(positions, dLdy);
  });
}
