// GPU wrapper of the fully fused MLP: pipelines per layout and precision, weight upload, forward and backward dispatches.

import { invariant, NgpcInputError } from '../errors.ts';
import { readF32, storageBuffer, uniformBuffer } from '../gpu/buffers.ts';
import type { GpuContext } from '../gpu/device.ts';
import { bindBuffers, computePipeline, workgroupGrid } from '../gpu/pipeline.ts';
import { bool, u32, type WgslConstants } from '../gpu/wgsl.ts';
import { wgslStruct } from '../gpu/wgslStruct.ts';
import { checkMlpParams, mlpBatchSize } from './mlp.cpu.ts';
import { ACTIVATION_CODE } from './mlpActivation.ts';
import type { MlpLayout } from './mlpLayout.ts';
import {
  backwardTileShape,
  forwardTileShape,
  type MlpPrecision,
  type MlpTilePlan,
  planMlpTile,
  ROWS_PER_THREAD,
} from './mlpTilePlan.ts';

export interface MlpGpuOptions {
  /** 'f16' rounds weights and activations to f16 in workgroup memory (f32 accumulation); default 'f32'. */
  precision?: MlpPrecision;
  /** Workgroup bytes to plan for (default: the device's maxComputeWorkgroupStorageSize). */
  workgroupBytes?: number;
}

/** Batch rows of the deterministic weight-gradient partial sums (one partial per slice, summed in slice order). */
export const WEIGHT_GRAD_MAX_SLICES = 64;

/** The tile constants shared by the fused kernels. */
export function tileConstants(plan: MlpTilePlan): WgslConstants {
  return {
    TILE_ROWS: u32(plan.tileRows),
    ROW_BLOCKS: u32(plan.tileRows / ROWS_PER_THREAD),
    ACT_STRIDE: u32(plan.tileCols / 4),
    W_CHUNK: u32(plan.weightChunkCols),
    WORKGROUP_SIZE: u32(plan.workgroupSize),
    ACT_TILE_VEC4S: u32((plan.tileRows * plan.tileCols) / 4),
    W_TILE_VEC4S: u32((plan.maxOutputs * plan.weightChunkCols) / 4),
  };
}

/** The network constants shared by the fused kernels. */
export function networkConstants(layout: MlpLayout): WgslConstants {
  const spec = layout.spec;
  return {
    WIDTH: u32(spec.nNeurons),
    IN_DIMS: u32(spec.nInputDims),
    IN_PADDED: u32(layout.inputDimsPadded),
    OUT_DIMS: u32(spec.nOutputDims),
    OUT_PADDED: u32(layout.outputDimsPadded),
    N_MATRICES: u32(layout.matrices.length),
  };
}

/** The `MlpDims` uniform of the fused MLP kernels (kernels/generated/mlpDims.wgsl is rendered from this). */
export const MLP_DIMS = wgslStruct(
  'MlpDims',
  {
    source: 'src/mlp/mlp.gpu.ts',
    doc: 'Activations are run-time codes (kernels/mlpActivation.wgsl) so one pipeline serves every activation choice.',
  },
  {
    n_rows: { type: 'u32' },
    activation: { type: 'u32' },
    output_activation: { type: 'u32' },
    pad0: { type: 'u32' },
  },
);

/** The `GradDims` uniform of kernels/mlpWeightGrad.wgsl. */
export const GRAD_DIMS = wgslStruct(
  'GradDims',
  {
    source: 'src/mlp/mlp.gpu.ts',
    doc: 'Batch rows, rows summed by one workgroup row (a slice), and 4×8 blocks of weights (one per thread).',
  },
  {
    n_rows: { type: 'u32' },
    rows_per_slice: { type: 'u32' },
    n_blocks: { type: 'u32' },
    pad0: { type: 'u32' },
  },
);

/** The `ReduceDims` uniform of kernels/mlpReduceSlices.wgsl. */
export const REDUCE_DIMS = wgslStruct(
  'ReduceDims',
  { source: 'src/mlp/mlp.gpu.ts', doc: 'vec4s per slice and slices to sum, in slice order.' },
  { n_vec4: { type: 'u32' }, n_slices: { type: 'u32' }, pad0: { type: 'u32' }, pad1: { type: 'u32' } },
);

/** The kernels' `MlpDims` uniform: batch size and the activation codes (runtime, so one pipeline fits all). */
export function dimsUniform(ctx: GpuContext, layout: MlpLayout, label: string, nRows: number): GPUBuffer {
  const spec = layout.spec;
  return uniformBuffer(
    ctx,
    label,
    new Uint8Array(
      MLP_DIMS.pack({
        n_rows: nRows,
        activation: ACTIVATION_CODE[spec.activation],
        output_activation: ACTIVATION_CODE[spec.outputActivation],
      }),
    ),
  );
}

/** A recorded GPU step: encodes its passes; the first pass takes the timestamp writes when given. */
export type RecordFn = (encoder: GPUCommandEncoder, timestampWrites?: GPUComputePassTimestampWrites) => void;

/** Device-resident results of a training forward: outputs plus the hidden activations the backward pass reads. */
export interface MlpForwardState {
  nRows: number;
  inputs: GPUBuffer;
  outputs: GPUBuffer;
  hidden: GPUBuffer;
}

/** A fused MLP bound to a device: tile plans, pipelines and the uploaded weights. */
export class MlpGpu {
  readonly precision: MlpPrecision;
  readonly forwardPlan: MlpTilePlan;
  readonly backwardPlan: MlpTilePlan;
  private weights: GPUBuffer | null = null;
  private readonly dummy: GPUBuffer;
  readonly labelBase = 'mlp/fused';

  constructor(
    readonly ctx: GpuContext,
    readonly layout: MlpLayout,
    options: MlpGpuOptions = {},
  ) {
    this.precision = options.precision ?? 'f32';
    const bytes = options.workgroupBytes ?? ctx.limits.maxComputeWorkgroupStorageSize;
    const invocations = ctx.limits.maxComputeInvocationsPerWorkgroup;
    this.forwardPlan = planMlpTile(forwardTileShape(layout), bytes, this.precision, invocations);
    this.backwardPlan = planMlpTile(backwardTileShape(layout), bytes, 'f32', invocations);
    this.dummy = storageBuffer(ctx, `${this.labelBase}:unused`, { bytes: 16 });
  }

  /** Uploads weights in tcnn layout (f32 master copy; the f16 path rounds them when staging). */
  setParams(params: Float32Array): void {
    checkMlpParams(this.layout, params);
    this.weights?.destroy();
    this.weights = storageBuffer(this.ctx, `${this.labelBase}:weights`, params);
  }

  get weightBuffer(): GPUBuffer {
    invariant(this.weights, 'MlpGpu: setParams before running');
    return this.weights;
  }

  /** The forward pipeline (kernel, constants and label), also used by the fused encoding+MLP kernel. */
  forwardConstants(storeHidden: boolean): WgslConstants {
    return {
      ...networkConstants(this.layout),
      ...tileConstants(this.forwardPlan),
      STORE_HIDDEN: bool(storeHidden),
    };
  }

  forwardKernel(): string {
    return this.precision === 'f16' ? 'mlpForwardF16.wgsl' : 'mlpForward.wgsl';
  }

  /** Workgroups needed for nRows, as a 2-D grid within maxComputeWorkgroupsPerDimension. */
  forwardGrid(nRows: number): [number, number] {
    return workgroupGrid(this.ctx, Math.ceil(nRows / this.forwardPlan.tileRows));
  }

  /**
   * A prepared forward over device-resident inputs (nRows × nInputDims f32). With `storeHidden` the hidden
   * activations are kept for `backward`. Returns the record function (for timing) and the buffers.
   */
  async prepareForward(inputs: GPUBuffer, nRows: number, { storeHidden = false } = {}) {
    const label = `${this.labelBase}:forward${this.precision === 'f16' ? 'F16' : ''}`;
    const pipeline = await computePipeline(this.ctx, {
      kernel: this.forwardKernel(),
      constants: this.forwardConstants(storeHidden),
      label,
    });
    const spec = this.layout.spec;
    const outputs = storageBuffer(this.ctx, `${label}:outputs`, { bytes: nRows * spec.nOutputDims * 4 });
    const hidden = storeHidden
      ? storageBuffer(this.ctx, `${label}:hidden`, { bytes: nRows * spec.nNeurons * spec.nHiddenLayers * 4 })
      : this.dummy;
    const dims = dimsUniform(this.ctx, this.layout, `${label}:dims`, nRows);
    const group = bindBuffers(this.ctx, pipeline, label, [this.weightBuffer, inputs, outputs, dims, hidden]);
    const [x, y] = this.forwardGrid(nRows);
    const record: RecordFn = (encoder, timestampWrites) => {
      const pass = encoder.beginComputePass({ label, timestampWrites });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(x, y);
      pass.end();
    };
    const state: MlpForwardState = { nRows, inputs, outputs, hidden };
    const destroy = () => {
      outputs.destroy();
      dims.destroy();
      if (hidden !== this.dummy) hidden.destroy();
    };
    return { record, outputs, state, destroy };
  }

  /** Forward: nRows × nOutputDims (same contract as mlpForwardCpu's outputs). */
  async forward(inputs: Float32Array): Promise<Float32Array> {
    const nRows = mlpBatchSize(this.layout, inputs);
    if (nRows === 0) return new Float32Array(0);
    const input = storageBuffer(this.ctx, `${this.labelBase}:inputs`, inputs);
    const run = await this.prepareForward(input, nRows);
    try {
      const encoder = this.ctx.device.createCommandEncoder({ label: `${this.labelBase}:forward` });
      run.record(encoder);
      this.ctx.device.queue.submit([encoder.finish()]);
      return await readF32(this.ctx, run.outputs, nRows * this.layout.spec.nOutputDims);
    } finally {
      run.destroy();
      input.destroy();
    }
  }

  /** Batch-row slices of the weight-gradient reduction: ≤ WEIGHT_GRAD_MAX_SLICES, each summed in row order. */
  static weightGradSlices(nRows: number): { nSlices: number; rowsPerSlice: number } {
    const rowsPerSlice = Math.max(256, Math.ceil(nRows / WEIGHT_GRAD_MAX_SLICES));
    return { nSlices: Math.max(1, Math.ceil(nRows / rowsPerSlice)), rowsPerSlice };
  }

  /**
   * A prepared backward after a forward with `storeHidden`: dL/dy (nRows × nOutputDims, device-resident) →
   * dL/dW (tcnn layout) and dL/dx (nRows × nInputDims). Three steps: the fused δ pass over every layer,
   * per-slice weight-gradient partials, and an ordered sum of the slices (deterministic, no atomics).
   */
  async prepareBackward(state: MlpForwardState, dLdy: GPUBuffer) {
    const { ctx, layout } = this;
    const spec = layout.spec;
    const nRows = state.nRows;
    invariant(state.hidden !== this.dummy, 'MlpGpu.prepareBackward needs a forward with storeHidden');
    const label = `${this.labelBase}:backward`;
    const net = networkConstants(layout);
    const deltaPipeline = await computePipeline(ctx, {
      kernel: 'mlpBackward.wgsl',
      constants: { ...net, ...tileConstants(this.backwardPlan) },
      label,
    });
    const gradWg = 64;
    const gradLabel = `${this.labelBase}:weightGrad`;
    const gradPipeline = await computePipeline(ctx, {
      kernel: 'mlpWeightGrad.wgsl',
      constants: { ...net, N_PARAMS: u32(layout.nParams), WORKGROUP_SIZE: u32(gradWg) },
      label: gradLabel,
    });
    const reduceLabel = `${this.labelBase}:reduceSlices`;
    const reducePipeline = await computePipeline(ctx, {
      kernel: 'mlpReduceSlices.wgsl',
      constants: { WORKGROUP_SIZE: u32(gradWg) },
      label: reduceLabel,
    });
    const deltaFloats = nRows * (spec.nNeurons * spec.nHiddenLayers + layout.outputDimsPadded);
    const deltas = storageBuffer(ctx, `${label}:deltas`, { bytes: deltaFloats * 4 });
    const dInputs = storageBuffer(ctx, `${label}:dLdx`, { bytes: nRows * spec.nInputDims * 4 });
    const dims = dimsUniform(ctx, layout, `${label}:dims`, nRows);
    const deltaGroup = bindBuffers(ctx, deltaPipeline, label, [
      this.weightBuffer,
      dLdy,
      state.outputs,
      dims,
      state.hidden,
      deltas,
      dInputs,
    ]);
    const { nSlices, rowsPerSlice } = MlpGpu.weightGradSlices(nRows);
    const nBlocks = layout.nParams / 32;
    const partials = storageBuffer(ctx, `${gradLabel}:partials`, { bytes: nSlices * layout.nParams * 4 });
    const gradDims = uniformBuffer(
      ctx,
      `${gradLabel}:dims`,
      new Uint8Array(GRAD_DIMS.pack({ n_rows: nRows, rows_per_slice: rowsPerSlice, n_blocks: nBlocks })),
    );
    const gradGroup = bindBuffers(ctx, gradPipeline, gradLabel, [
      state.inputs,
      state.hidden,
      deltas,
      partials,
      gradDims,
    ]);
    const dParams = storageBuffer(ctx, `${reduceLabel}:dW`, { bytes: layout.nParams * 4 });
    const nVec4 = layout.nParams / 4;
    const reduceDims = uniformBuffer(
      ctx,
      `${reduceLabel}:dims`,
      new Uint8Array(REDUCE_DIMS.pack({ n_vec4: nVec4, n_slices: nSlices })),
    );
    const reduceGroup = bindBuffers(ctx, reducePipeline, reduceLabel, [partials, dParams, reduceDims]);
    const [x, y] = workgroupGrid(ctx, Math.ceil(nRows / this.backwardPlan.tileRows));
    const record: RecordFn = (encoder, timestampWrites) => {
      const pass = encoder.beginComputePass({ label, timestampWrites });
      pass.setPipeline(deltaPipeline);
      pass.setBindGroup(0, deltaGroup);
      pass.dispatchWorkgroups(x, y);
      pass.setPipeline(gradPipeline);
      pass.setBindGroup(0, gradGroup);
      pass.dispatchWorkgroups(Math.ceil(nBlocks / gradWg), nSlices);
      pass.setPipeline(reducePipeline);
      pass.setBindGroup(0, reduceGroup);
      pass.dispatchWorkgroups(Math.ceil(nVec4 / gradWg));
      pass.end();
    };
    const destroy = () => {
      for (const b of [deltas, dInputs, dims, partials, gradDims, dParams, reduceDims]) b.destroy();
    };
    return { record, dParams, dInputs, destroy };
  }

  /** Forward (keeping activations) then backward: same contract as mlpBackwardCpu, in f32. */
  async backward(
    inputs: Float32Array,
    dLdOutputs: Float32Array,
  ): Promise<{ dParams: Float32Array; dInputs: Float32Array }> {
    const { ctx, layout } = this;
    const nRows = mlpBatchSize(layout, inputs);
    if (dLdOutputs.length !== nRows * layout.spec.nOutputDims) {
      throw new NgpcInputError(
        `dL/doutput: ${dLdOutputs.length} values, expected ${nRows} x ${layout.spec.nOutputDims}`,
      );
    }
    const input = storageBuffer(ctx, `${this.labelBase}:inputs`, inputs);
    const grad = storageBuffer(ctx, `${this.labelBase}:dLdy`, dLdOutputs);
    const fwd = await this.prepareForward(input, nRows, { storeHidden: true });
    const bwd = await this.prepareBackward(fwd.state, grad);
    try {
      const encoder = ctx.device.createCommandEncoder({ label: `${this.labelBase}:backward` });
      fwd.record(encoder);
      bwd.record(encoder);
      ctx.device.queue.submit([encoder.finish()]);
      const dParams = await readF32(ctx, bwd.dParams, layout.nParams);
      const dInputs = await readF32(ctx, bwd.dInputs, nRows * layout.spec.nInputDims);
      return { dParams, dInputs };
    } finally {
      bwd.destroy();
      fwd.destroy();
      input.destroy();
      grad.destroy();
    }
  }

  destroy(): void {
    this.weights?.destroy();
    this.weights = null;
    this.dummy.destroy();
  }
}

/** Forward on the GPU with the CPU reference's contract. */
export async function mlpForwardGpu(
  ctx: GpuContext,
  layout: MlpLayout,
  params: Float32Array,
  inputs: Float32Array,
  options?: MlpGpuOptions,
): Promise<Float32Array> {
  const mlp = new MlpGpu(ctx, layout, options);
  try {
    mlp.setParams(params);
    return await mlp.forward(inputs);
  } finally {
    mlp.destroy();
  }
}

/** Rejects batches whose per-row buffers would exceed one storage binding. */
export function checkMlpBatch(ctx: GpuContext, layout: MlpLayout, nRows: number): void {
  const widest = Math.max(layout.spec.nInputDims, layout.spec.nOutputDims, layout.spec.nNeurons) * 4;
  if (nRows * widest > ctx.limits.maxStorageBufferBindingSize) {
    throw new NgpcInputError(
      `MLP batch of ${nRows} rows needs ${nRows * widest} bytes per buffer, over maxStorageBufferBindingSize (${ctx.limits.maxStorageBufferBindingSize})`,
    );
  }
}

/** Backward on the GPU with the CPU reference's contract (runs the training forward first). */
export async function mlpBackwardGpu(
  ctx: GpuContext,
  layout: MlpLayout,
  params: Float32Array,
  inputs: Float32Array,
  dLdOutputs: Float32Array,
): Promise<{ dParams: Float32Array; dInputs: Float32Array }> {
  const mlp = new MlpGpu(ctx, layout);
  try {
    mlp.setParams(params);
    return await mlp.backward(inputs, dLdOutputs);
  } finally {
    mlp.destroy();
  }
}
