// Training losses on WebGPU: kernels/loss.wgsl over device-resident predictions and targets (contract of loss.cpu.ts).
import { readF32, storageBuffer, uniformBuffer } from '../gpu/buffers.ts';
import type { GpuContext } from '../gpu/device.ts';
import { bindBuffers, computePipeline, workgroupGrid } from '../gpu/pipeline.ts';
import { f32, u32 } from '../gpu/wgsl.ts';
import { wgslStruct } from '../gpu/wgslStruct.ts';
import type { LossResult } from './loss.cpu.ts';
import { HUBER_DELTA, LOSS_CODE, type LossKind, MAPE_EPSILON } from './loss.ts';

const WORKGROUP_SIZE = 64;

/** A prepared loss over `nElements` predictions: gradient and per-element value buffers, and a record function. */

/** The `LossDims` uniform of kernels/loss.wgsl (kernels/generated/lossDims.wgsl is rendered from this). */
export const LOSS_DIMS = wgslStruct(
  'LossDims',
  {
    source: 'src/train/loss.gpu.ts',
    doc: 'Elements in the batch, and 1 / n_total (batch × dims) rounded to f32.',
  },
  { n: { type: 'u32' }, inv_total: { type: 'f32' }, pad0: { type: 'u32' }, pad1: { type: 'u32' } },
);

export async function prepareLossGpu(
  ctx: GpuContext,
  kind: LossKind,
  predictions: GPUBuffer,
  targets: GPUBuffer,
  nElements: number,
) {
  const label = `train/loss:${kind}`;
  const pipeline = await computePipeline(ctx, {
    kernel: 'loss.wgsl',
    constants: {
      WORKGROUP_SIZE: u32(WORKGROUP_SIZE),
      LOSS: u32(LOSS_CODE[kind]),
      HUBER_DELTA: f32(HUBER_DELTA),
      MAPE_EPSILON: f32(MAPE_EPSILON),
    },
    label,
  });
  const grads = storageBuffer(ctx, `${label}:grads`, { bytes: nElements * 4 });
  const values = storageBuffer(ctx, `${label}:values`, { bytes: nElements * 4 });
  const words = LOSS_DIMS.pack({ n: nElements, inv_total: 1 / Math.max(1, nElements) });
  const dims = uniformBuffer(ctx, `${label}:dims`, new Uint8Array(words));
  const group = bindBuffers(ctx, pipeline, label, [dims, predictions, targets, grads, values]);
  const [x, y] = workgroupGrid(ctx, Math.ceil(nElements / WORKGROUP_SIZE));
  const record = (encoder: GPUCommandEncoder) => {
    const pass = encoder.beginComputePass({ label });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(x, y);
    pass.end();
  };
  /** Mean loss of the last recorded pass (sum of the per-element values in f64). */
  const readLoss = async (): Promise<number> => {
    const v = await readF32(ctx, values, nElements);
    let sum = 0;
    for (const x of v) sum += x;
    return sum;
  };
  const destroy = () => {
    for (const b of [grads, values, dims]) b.destroy();
  };
  return { record, grads, values, readLoss, destroy };
}

/** Loss on the GPU with the CPU reference's contract. */
export async function lossGpu(
  ctx: GpuContext,
  kind: LossKind,
  predictions: Float32Array,
  targets: Float32Array,
): Promise<LossResult> {
  const p = storageBuffer(ctx, 'train/loss:predictions', predictions);
  const t = storageBuffer(ctx, 'train/loss:targets', targets);
  const run = await prepareLossGpu(ctx, kind, p, t, predictions.length);
  try {
    const encoder = ctx.device.createCommandEncoder({ label: 'train/loss' });
    run.record(encoder);
    ctx.device.queue.submit([encoder.finish()]);
    return { loss: await run.readLoss(), grads: await readF32(ctx, run.grads, predictions.length) };
  } finally {
    run.destroy();
    p.destroy();
    t.destroy();
  }
}
