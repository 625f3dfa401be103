// One training step of a grid encoding + fused MLP on WebGPU: forward, loss, both backward passes and Adam, device-resident.
import { GridEncodingGpu } from '../encoding/gridEncoding.gpu.ts';
import type { LevelLayout } from '../encoding/gridLayout.ts';
import { invariant, NgpcInputError } from '../errors.ts';
import { readF32, storageBuffer } from '../gpu/buffers.ts';
import type { GpuContext } from '../gpu/device.ts';
import { MlpGpu } from '../mlp/mlp.gpu.ts';
import type { MlpLayout } from '../mlp/mlpLayout.ts';
import { AdamGpu } from './adam.gpu.ts';
import { type AdamSpec, learningRateAt } from './adam.ts';
import type { FieldParams } from './field.ts';
import { prepareLossGpu } from './loss.gpu.ts';
import type { LossKind } from './loss.ts';

export interface FieldTrainerOptions {
  gridLayout: LevelLayout;
  mlpLayout: MlpLayout;
  adam: AdamSpec;
  loss: LossKind;
  /** Points per step (fixed: buffers are allocated once). */
  batchSize: number;
  /** Steps the optimizer may take (sizes its bias-correction table). */
  maxSteps: number;
}

type Prepared<T extends (...a: any[]) => Promise<any>> = Awaited<ReturnType<T>>;

/** A grid + MLP field bound to a device, stepped by Adam on batches of (position, target) pairs. */
export class FieldTrainerGpu {
  readonly grid: GridEncodingGpu;
  readonly mlp: MlpGpu;
  private positions!: GPUBuffer;
  private targets!: GPUBuffer;
  private adam!: AdamGpu;
  private forward!: Prepared<GridEncodingGpu['prepareForward']>;
  private mlpForward!: Prepared<MlpGpu['prepareForward']>;
  private loss!: Prepared<typeof prepareLossGpu>;
  private mlpBackward!: Prepared<MlpGpu['prepareBackward']>;
  private gridBackward!: Prepared<GridEncodingGpu['prepareParamGrad']>;
  /** Completed steps. */
  step = 0;

  constructor(
    readonly ctx: GpuContext,
    readonly options: FieldTrainerOptions,
  ) {
    const { gridLayout, mlpLayout, batchSize } = options;
    const width = gridLayout.spec.nLevels * gridLayout.spec.nFeaturesPerLevel;
    if (mlpLayout.spec.nInputDims !== width) {
      throw new NgpcInputError(
        `MLP n_input_dims = ${mlpLayout.spec.nInputDims} but the encoding outputs ${width}`,
      );
    }
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new NgpcInputError(`batch size ${batchSize}: expected a positive integer`);
    }
    this.grid = new GridEncodingGpu(ctx, gridLayout);
    this.mlp = new MlpGpu(ctx, mlpLayout, { precision: 'f32' });
  }

  /** Uploads the initial parameters and builds every pass once. */
  async init(params: FieldParams): Promise<void> {
    const { ctx, options } = this;
    const { batchSize, gridLayout, mlpLayout } = options;
    this.grid.setParams(params.grid);
    this.mlp.setParams(params.mlp);
    this.positions = storageBuffer(ctx, 'train/field:positions', {
      bytes: batchSize * gridLayout.spec.nDims * 4,
    });
    this.targets = storageBuffer(ctx, 'train/field:targets', {
      bytes: batchSize * mlpLayout.spec.nOutputDims * 4,
    });
    this.forward = await this.grid.prepareForward(this.positions, batchSize);
    this.mlpForward = await this.mlp.prepareForward(this.forward.encoded, batchSize, { storeHidden: true });
    this.loss = await prepareLossGpu(
      ctx,
      options.loss,
      this.mlpForward.outputs,
      this.targets,
      batchSize * mlpLayout.spec.nOutputDims,
    );
    this.mlpBackward = await this.mlp.prepareBackward(this.mlpForward.state, this.loss.grads);
    this.gridBackward = await this.grid.prepareParamGrad(this.positions, this.mlpBackward.dInputs, batchSize);
    const chunks = this.grid.paramChunkBuffers;
    this.adam = new AdamGpu(
      ctx,
      options.adam,
      [
        {
          label: 'mlp',
          params: this.mlp.weightBuffer,
          grads: this.mlpBackward.dParams,
          n: mlpLayout.nParams,
          nMatrix: mlpLayout.nParams,
        },
        ...this.grid.plan.chunks.map((c, i) => ({
          label: `grid${i}`,
          params: chunks[i]!,
          grads: this.gridBackward.grads[i]!,
          n: c.floats,
          nMatrix: 0,
        })),
      ],
      options.maxSteps,
    );
    await this.adam.prepare();
  }

  /**
   * One step on `positions` (batch × D in [0,1]) and `targets` (batch × outputs). With `readLoss` the mean loss of
   * this batch (before the update) is read back, which waits for the GPU; otherwise null and the queue runs ahead.
   */
  async trainStep(
    positions: Float32Array<ArrayBuffer>,
    targets: Float32Array<ArrayBuffer>,
    readLoss = false,
  ): Promise<number | null> {
    const { ctx, options } = this;
    invariant(
      positions.length === options.batchSize * options.gridLayout.spec.nDims,
      'trainStep: positions size',
    );
    invariant(
      targets.length === options.batchSize * options.mlpLayout.spec.nOutputDims,
      'trainStep: targets size',
    );
    ctx.device.queue.writeBuffer(this.positions, 0, positions);
    ctx.device.queue.writeBuffer(this.targets, 0, targets);
    const encoder = ctx.device.createCommandEncoder({ label: 'train/field:step' });
    this.forward.record(encoder);
    this.mlpForward.record(encoder);
    this.loss.record(encoder);
    this.mlpBackward.record(encoder);
    this.gridBackward.record(encoder);
    this.adam.record(encoder, learningRateAt(options.adam, this.step));
    ctx.device.queue.submit([encoder.finish()]);
    this.step++;
    if (!readLoss) return null;
    return this.loss.readLoss();
  }

  /** Waits for the submitted steps. */
  async sync(): Promise<void> {
    await this.ctx.device.queue.onSubmittedWorkDone();
  }

  /** The fp32 master weights. */
  async readParams(): Promise<FieldParams> {
    const mlp = await readF32(this.ctx, this.mlp.weightBuffer, this.options.mlpLayout.nParams);
    const grid = new Float32Array(this.options.gridLayout.nParams);
    for (const [i, c] of this.grid.plan.chunks.entries()) {
      grid.set(await readF32(this.ctx, this.grid.paramChunkBuffers[i]!, c.floats), c.first);
    }
    return { mlp, grid };
  }

  /** The weights to render with: the EMA when the optimizer keeps one (tcnn uses it for inference), else the master. */
  async readInferenceParams(): Promise<FieldParams> {
    if (this.options.adam.emaDecay === null || this.step === 0) return this.readParams();
    const mlp = (await this.adam.readEma(0))!;
    const grid = new Float32Array(this.options.gridLayout.nParams);
    for (const [i, c] of this.grid.plan.chunks.entries())
      grid.set((await this.adam.readEma(i + 1))!, c.first);
    return { mlp, grid };
  }

  destroy(): void {
    this.adam?.destroy();
    this.gridBackward?.destroy();
    this.mlpBackward?.destroy();
    this.loss?.destroy();
    this.mlpForward?.destroy();
    this.forward?.encoded.destroy();
    this.positions?.destroy();
    this.targets?.destroy();
    this.grid.destroy();
    this.mlp.destroy();
  }
}
