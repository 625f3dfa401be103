// Adam (and EMA) on WebGPU: optimizer state buffers per parameter array and the kernels/adam.wgsl dispatches.
import { invariant } from '../errors.ts';
import { readF32, readU32, storageBuffer } from '../gpu/buffers.ts';
import type { GpuContext } from '../gpu/device.ts';
import { computePipeline, workgroupGrid } from '../gpu/pipeline.ts';
import { u32, type WgslConstants } from '../gpu/wgsl.ts';
import { wgslStruct } from '../gpu/wgslStruct.ts';
import type { AdamState } from './adam.cpu.ts';
import { emaFactors } from './adam.cpu.ts';
import { type AdamSpec, adamF32, biasCorrection } from './adam.ts';

const WORKGROUP_SIZE = 64;

/** One parameter array the optimizer steps: device buffers of weights and gradients, `n` f32 entries. */

/** The `AdamStep` uniform of kernels/adam.wgsl (kernels/generated/adamStep.wgsl is rendered from this). */
export const ADAM_STEP = wgslStruct(
  'AdamStep',
  {
    source: 'src/train/adam.gpu.ts',
    doc: 'One Adam step over one parameter array; the β, ε and l2 values are run-time values (see kernels/adam.wgsl).',
  },
  {
    n: { type: 'u32' },
    n_matrix: {
      type: 'u32',
      doc: 'Entries [0, n_matrix) are MLP weights (l2, always stepped); the rest are grid entries (skip zero gradients).',
    },
    learning_rate: { type: 'f32' },
    ema_a: { type: 'f32', doc: 'EMA factors (a, b): ema ← a·ema + b·w (entry point `ema`).' },
    ema_b: { type: 'f32' },
    beta1: { type: 'f32' },
    beta2: { type: 'f32' },
    one_minus_beta1: { type: 'f32' },
    one_minus_beta2: { type: 'f32' },
    epsilon: { type: 'f32' },
    l2_reg: { type: 'f32' },
    pad0: { type: 'u32' },
  },
);

export interface AdamTarget {
  label: string;
  params: GPUBuffer;
  grads: GPUBuffer;
  n: number;
  /** Leading entries that are MLP weights (tcnn "matrix params"); 0 for a grid chunk, n for an MLP. */
  nMatrix: number;
}

interface TargetState extends AdamTarget {
  firstMoments: GPUBuffer;
  secondMoments: GPUBuffer;
  steps: GPUBuffer;
  ema: GPUBuffer;
  uniform: GPUBuffer;
  adamGroup: GPUBindGroup | null;
  emaGroup: GPUBindGroup | null;
}

/** Adam over several device-resident parameter arrays, bit-identical to adamStepCpu on adapters that do not fuse. */
export class AdamGpu {
  private readonly targets: TargetState[];
  private readonly correction: GPUBuffer;
  private adamPipeline: GPUComputePipeline | null = null;
  private emaPipeline: GPUComputePipeline | null = null;
  /** Completed optimizer steps. */
  stepCount = 0;

  constructor(
    readonly ctx: GpuContext,
    readonly spec: AdamSpec,
    targets: AdamTarget[],
    /** Largest step count a parameter can reach (the bias-correction table's length − 1). */
    readonly maxSteps: number,
  ) {
    const table = new Float32Array(maxSteps + 1);
    for (let t = 1; t <= maxSteps; t++) table[t] = biasCorrection(spec, t);
    this.correction = storageBuffer(ctx, 'train/adam:biasCorrection', table);
    this.targets = targets.map((t) => ({
      ...t,
      firstMoments: storageBuffer(ctx, `train/adam:${t.label}:m`, { bytes: t.n * 4 }),
      secondMoments: storageBuffer(ctx, `train/adam:${t.label}:v`, { bytes: t.n * 4 }),
      steps: storageBuffer(ctx, `train/adam:${t.label}:steps`, { bytes: t.n * 4 }),
      ema: storageBuffer(ctx, `train/adam:${t.label}:ema`, { bytes: spec.emaDecay === null ? 4 : t.n * 4 }),
      uniform: ctx.device.createBuffer({
        label: `train/adam:${t.label}:step`,
        size: Math.ceil(ADAM_STEP.sizeBytes / 16) * 16,
        usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      }),
      adamGroup: null,
      emaGroup: null,
    }));
    // EMA starts from the initial weights (tcnn copies them at the first step; the debias factor makes t = 1 exact).
    if (spec.emaDecay !== null) {
      const encoder = ctx.device.createCommandEncoder({ label: 'train/adam:emaInit' });
      for (const t of this.targets) encoder.copyBufferToBuffer(t.params, 0, t.ema, 0, t.n * 4);
      ctx.device.queue.submit([encoder.finish()]);
    }
  }

  private constants(): WgslConstants {
    return { WORKGROUP_SIZE: u32(WORKGROUP_SIZE) };
  }

  /** Compiles the pipelines and builds the bind groups (once). */
  async prepare(): Promise<void> {
    if (this.adamPipeline) return;
    const constants = this.constants();
    this.adamPipeline = await computePipeline(this.ctx, {
      kernel: 'adam.wgsl',
      constants,
      label: 'train/adam:step',
    });
    if (this.spec.emaDecay !== null) {
      this.emaPipeline = await computePipeline(this.ctx, {
        kernel: 'adam.wgsl',
        entryPoint: 'ema',
        constants,
        label: 'train/adam:ema',
      });
    }
    const device = this.ctx.device;
    for (const t of this.targets) {
      const buffers = [
        t.uniform,
        t.params,
        t.grads,
        t.firstMoments,
        t.secondMoments,
        t.steps,
        this.correction,
      ];
      t.adamGroup = device.createBindGroup({
        label: `train/adam:${t.label}`,
        layout: this.adamPipeline.getBindGroupLayout(0),
        entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      if (this.emaPipeline) {
        t.emaGroup = device.createBindGroup({
          label: `train/adam:${t.label}:ema`,
          layout: this.emaPipeline.getBindGroupLayout(0),
          entries: [
            { binding: 0, resource: { buffer: t.uniform } },
            { binding: 1, resource: { buffer: t.params } },
            { binding: 7, resource: { buffer: t.ema } },
          ],
        });
      }
    }
  }

  /**
   * Writes this step's uniforms and records the Adam (then EMA) passes into `encoder`; submit before the next call
   * (the uniforms are written through the queue). `learningRate` is the decayed rate of this step.
   */
  record(encoder: GPUCommandEncoder, learningRate: number): void {
    invariant(this.adamPipeline, 'AdamGpu: prepare() before record()');
    invariant(this.stepCount < this.maxSteps, `AdamGpu: more than maxSteps = ${this.maxSteps} steps`);
    this.stepCount++;
    const [emaA, emaB] =
      this.spec.emaDecay === null ? [0, 0] : emaFactors(this.spec.emaDecay, this.stepCount);
    const pass = encoder.beginComputePass({ label: 'train/adam:step' });
    for (const t of this.targets) {
      const c = adamF32(this.spec);
      const words = ADAM_STEP.pack({
        n: t.n,
        n_matrix: t.nMatrix,
        learning_rate: learningRate,
        ema_a: emaA,
        ema_b: emaB,
        beta1: c.beta1,
        beta2: c.beta2,
        one_minus_beta1: c.oneMinusBeta1,
        one_minus_beta2: c.oneMinusBeta2,
        epsilon: c.epsilon,
        l2_reg: c.l2Reg,
      });
      this.ctx.device.queue.writeBuffer(t.uniform, 0, words);
      const [x, y] = workgroupGrid(this.ctx, Math.ceil(t.n / WORKGROUP_SIZE));
      pass.setPipeline(this.adamPipeline);
      pass.setBindGroup(0, t.adamGroup!);
      pass.dispatchWorkgroups(x, y);
      if (this.emaPipeline) {
        pass.setPipeline(this.emaPipeline);
        pass.setBindGroup(0, t.emaGroup!);
        pass.dispatchWorkgroups(x, y);
      }
    }
    pass.end();
  }

  /** The EMA weights of target `index` (or null when EMA is off). */
  async readEma(index: number): Promise<Float32Array | null> {
    const t = this.targets[index]!;
    return this.spec.emaDecay === null ? null : readF32(this.ctx, t.ema, t.n);
  }

  /** The optimizer state of target `index` (for tests and checkpoints). */
  async readState(index: number): Promise<AdamState> {
    const t = this.targets[index]!;
    return {
      firstMoments: await readF32(this.ctx, t.firstMoments, t.n),
      secondMoments: await readF32(this.ctx, t.secondMoments, t.n),
      steps: await readU32(this.ctx, t.steps, t.n),
    };
  }

  destroy(): void {
    this.correction.destroy();
    for (const t of this.targets) {
      for (const b of [t.firstMoments, t.secondMoments, t.steps, t.ema, t.uniform]) b.destroy();
    }
  }
}
