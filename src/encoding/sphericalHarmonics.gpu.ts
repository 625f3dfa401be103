// Spherical-harmonics encoding on WebGPU with the CPU reference's contract (batches split to fit one binding).
import { readF32, storageBuffer } from '../gpu/buffers.ts';
import type { GpuContext } from '../gpu/device.ts';
import { bindBuffers, computePipeline, dispatch, workgroupGrid } from '../gpu/pipeline.ts';
import { u32 } from '../gpu/wgsl.ts';
import type { ShEncodingSpec } from './encodingConfig.ts';
import { shBatchSize, shOutputWidth } from './sphericalHarmonics.ts';

/** Forward: N × degree² from N × 3 directions in [0,1]³ (same contract as encodeShCpu). */
export async function encodeShGpu(
  ctx: GpuContext,
  spec: ShEncodingSpec,
  directions: Float32Array,
  { workgroupSize = 64 } = {},
): Promise<Float32Array> {
  const n = shBatchSize(directions);
  const width = shOutputWidth(spec);
  const label = 'encoding/sphericalHarmonics:forward';
  const pipeline = await computePipeline(ctx, {
    kernel: 'sphericalHarmonics.wgsl',
    constants: { WORKGROUP_SIZE: u32(workgroupSize), DEGREE: u32(spec.degree) },
    label,
  });
  const out = new Float32Array(n * width);
  const rows = Math.max(1, Math.floor(ctx.limits.maxStorageBufferBindingSize / (4 * Math.max(width, 3))));
  for (let start = 0; start < n; start += rows) {
    const count = Math.min(rows, n - start);
    const dirs = storageBuffer(
      ctx,
      `${label}:directions`,
      directions.subarray(3 * start, 3 * (start + count)),
    );
    const encoded = storageBuffer(ctx, `${label}:out`, { bytes: count * width * 4 });
    await dispatch(
      ctx,
      pipeline,
      [bindBuffers(ctx, pipeline, label, [dirs, encoded])],
      workgroupGrid(ctx, Math.ceil(count / workgroupSize)),
    );
    out.set(await readF32(ctx, encoded, count * width), start * width);
    dirs.destroy();
    encoded.destroy();
  }
  return out;
}
