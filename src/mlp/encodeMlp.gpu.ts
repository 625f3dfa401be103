// Grid encoding → MLP on the GPU, fused in one dispatch (kernels/encodeMlpFused.wgsl) or as two dispatches.
import { fmaIsFused } from '../encoding/fmaProbe.gpu.ts';
import {
  GRID_PARAM_BINDINGS,
  GridEncodingGpu,
  levelTable,
  planParamChunks,
} from '../encoding/gridEncoding.gpu.ts';
import { gridBatchSize, gridOutputWidth, INTERPOLATION_CODE } from '../encoding/gridEncoding.ts';
import type { LevelLayout } from '../encoding/gridLayout.ts';
import { NgpcInputError } from '../errors.ts';
import { readF32, storageBuffer, uniformBuffer } from '../gpu/buffers.ts';
import type { GpuContext } from '../gpu/device.ts';
import { bindBuffers, computePipeline } from '../gpu/pipeline.ts';
import { bool, u32 } from '../gpu/wgsl.ts';
import { dimsUniform, MlpGpu, type RecordFn } from './mlp.gpu.ts';
import type { MlpLayout } from './mlpLayout.ts';

/** A grid encoding feeding a fused MLP (its nInputDims must be L·F), bound to one device. */
export class EncodeMlpGpu {
  readonly grid: GridEncodingGpu;
  readonly mlp: MlpGpu;
  private gridParams: GPUBuffer[] = [];
  private readonly levels: GPUBuffer;
  private readonly dummies: GPUBuffer[];
  readonly label = 'mlp/encodeMlp';

  constructor(
    readonly ctx: GpuContext,
    readonly gridLayout: LevelLayout,
    readonly mlpLayout: MlpLayout,
  ) {
    if (mlpLayout.spec.nInputDims !== gridOutputWidth(gridLayout)) {
      throw new NgpcInputError(
        `MLP n_input_dims = ${mlpLayout.spec.nInputDims} but the encoding outputs ${gridOutputWidth(gridLayout)} features`,
      );
    }
    this.grid = new GridEncodingGpu(ctx, gridLayout);
    this.mlp = new MlpGpu(ctx, mlpLayout, { precision: 'f32' });
    const plan = planParamChunks(gridLayout, ctx.limits.maxStorageBufferBindingSize);
    this.levels = uniformBuffer(ctx, `${this.label}:levels`, new Uint8Array(levelTable(gridLayout, plan)));
    this.dummies = Array.from({ length: GRID_PARAM_BINDINGS }, (_, i) =>
      storageBuffer(ctx, `${this.label}:unused${i}`, { bytes: 4 }),
    );
  }

  /** Uploads the grid table (tcnn layout) and the MLP weights (tcnn layout). */
  setParams(gridParams: Float32Array, mlpParams: Float32Array): void {
    this.grid.setParams(gridParams);
    this.mlp.setParams(mlpParams);
    for (const b of this.gridParams) b.destroy();
    const plan = planParamChunks(this.gridLayout, this.ctx.limits.maxStorageBufferBindingSize);
    this.gridParams = plan.chunks.map((c, i) =>
      storageBuffer(
        this.ctx,
        `${this.label}:gridParams${i}`,
        gridParams.subarray(c.first, c.first + c.floats),
      ),
    );
  }

  /** One dispatch: positions (nRows × D) → outputs (nRows × nOutputDims). */
  async prepareFused(positions: GPUBuffer, nRows: number) {
    const { ctx } = this;
    const spec = this.gridLayout.spec;
    const label = `${this.label}:fused`;
    const pipeline = await computePipeline(ctx, {
      kernel: 'encodeMlpFused.wgsl',
      constants: {
        ...this.mlp.forwardConstants(false),
        N_LEVELS: u32(spec.nLevels),
        N_DIMS: u32(spec.nDims),
        N_FEATURES: u32(spec.nFeaturesPerLevel),
        INTERPOLATION: u32(INTERPOLATION_CODE[spec.interpolation]),
        EXACT_FMA: bool(!(await fmaIsFused(ctx))),
      },
      label,
    });
    const outputs = storageBuffer(ctx, `${label}:outputs`, {
      bytes: nRows * this.mlpLayout.spec.nOutputDims * 4,
    });
    const dims = dimsUniform(ctx, this.mlpLayout, `${label}:dims`, nRows);
    const unusedHidden = storageBuffer(ctx, `${label}:unusedHidden`, { bytes: 16 });
    const groups = [
      bindBuffers(ctx, pipeline, label, [
        this.mlp.weightBuffer,
        positions,
        outputs,
        dims,
        unusedHidden,
        this.levels,
      ]),
      bindBuffers(
        ctx,
        pipeline,
        `${label}:gridParams`,
        Array.from({ length: GRID_PARAM_BINDINGS }, (_, i) => this.gridParams[i] ?? this.dummies[i]!),
        1,
      ),
    ];
    const [x, y] = this.mlp.forwardGrid(nRows);
    const record: RecordFn = (encoder, timestampWrites) => {
      const pass = encoder.beginComputePass({ label, timestampWrites });
      pass.setPipeline(pipeline);
      for (const [i, g] of groups.entries()) pass.setBindGroup(i, g);
      pass.dispatchWorkgroups(x, y);
      pass.end();
    };
    const destroy = () => {
      outputs.destroy();
      dims.destroy();
      unusedHidden.destroy();
    };
    return { record, outputs, destroy };
  }

  /** Two dispatches: the grid kernel writes N × L·F features to a buffer, then the fused MLP reads them. */
  async prepareTwoDispatch(positions: GPUBuffer, nRows: number) {
    const enc = await this.grid.prepareForward(positions, nRows);
    const mlp = await this.mlp.prepareForward(enc.encoded, nRows);
    const record: RecordFn = (encoder, timestampWrites) => {
      // Timestamps bracket the first pass only when given; split them so the span covers both passes.
      if (timestampWrites) {
        enc.record(encoder, {
          querySet: timestampWrites.querySet,
          beginningOfPassWriteIndex: timestampWrites.beginningOfPassWriteIndex,
        });
        mlp.record(encoder, {
          querySet: timestampWrites.querySet,
          endOfPassWriteIndex: timestampWrites.endOfPassWriteIndex,
        });
      } else {
        enc.record(encoder);
        mlp.record(encoder);
      }
    };
    const destroy = () => {
      mlp.destroy();
      enc.encoded.destroy();
    };
    return { record, outputs: mlp.outputs, destroy };
  }

  /** Runs either path on host positions and returns nRows × nOutputDims. */
  async run(positions: Float32Array, mode: 'fused' | 'twoDispatch' = 'fused'): Promise<Float32Array> {
    const nRows = gridBatchSize(this.gridLayout, positions);
    if (nRows === 0) return new Float32Array(0);
    const pos = storageBuffer(this.ctx, `${this.label}:positions`, positions);
    const prepared =
      mode === 'fused' ? await this.prepareFused(pos, nRows) : await this.prepareTwoDispatch(pos, nRows);
    try {
      const encoder = this.ctx.device.createCommandEncoder({ label: `${this.label}:${mode}` });
      prepared.record(encoder);
      this.ctx.device.queue.submit([encoder.finish()]);
      return await readF32(this.ctx, prepared.outputs, nRows * this.mlpLayout.spec.nOutputDims);
    } finally {
      prepared.destroy();
      pos.destroy();
    }
  }

  destroy(): void {
    for (const b of [...this.gridParams, ...this.dummies, this.levels]) b.destroy();
    this.grid.destroy();
    this.mlp.destroy();
  }
}
