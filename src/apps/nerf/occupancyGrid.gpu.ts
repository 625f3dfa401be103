// The NeRF occupancy-grid update on WebGPU (kernels/nerfOccupancyUpdate.wgsl): splat, decayed-max merge and thresholding.
import { readF32, readU32, storageBuffer, uniformBuffer } from '../../gpu/buffers.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { computePipeline, workgroupGrid } from '../../gpu/pipeline.ts';
import { f32, u32 } from '../../gpu/wgsl.ts';
import { DENSITY_GRID_DECAY } from './occupancyGrid.ts';

const WORKGROUP_SIZE = 64;
const LABEL = 'apps/nerf:occupancy';

/**
 * One grid update with the contract of updateDensityGrid (samples' cells and optical thicknesses → new grid), then the
 * bitfield of the new grid at `threshold` without the cascade max-pool (buildBitfield adds it on the host).
 */
export async function updateDensityGridGpu(
  ctx: GpuContext,
  grid: Float32Array,
  cells: Uint32Array,
  thickness: Float32Array,
  threshold: number,
  decay = DENSITY_GRID_DECAY,
): Promise<{ grid: Float32Array; bits: Uint32Array }> {
  const constants = { WORKGROUP_SIZE: u32(WORKGROUP_SIZE), DECAY: f32(decay) };
  const [pSplat, pMerge, pBits] = await Promise.all(
    ['splat', 'merge', 'to_bits'].map((entryPoint) =>
      computePipeline(ctx, {
        kernel: 'nerfOccupancyUpdate.wgsl',
        entryPoint,
        constants,
        label: `${LABEL}:${entryPoint}`,
      }),
    ),
  );
  const nWords = Math.ceil(grid.length / 32);
  const dimsOf = (n: number) => {
    const words = new ArrayBuffer(16);
    new Uint32Array(words, 0, 1)[0] = n;
    new Float32Array(words, 4, 1)[0] = threshold;
    return uniformBuffer(ctx, `${LABEL}:dims`, new Uint8Array(words));
  };
  const dimsSamples = dimsOf(cells.length);
  const dimsCells = dimsOf(grid.length);
  const gridBuf = storageBuffer(ctx, `${LABEL}:grid`, grid);
  const tmp = storageBuffer(ctx, `${LABEL}:splat`, { bytes: grid.length * 4 });
  const cellBuf = storageBuffer(ctx, `${LABEL}:cells`, cells);
  const thickBuf = storageBuffer(ctx, `${LABEL}:thickness`, thickness);
  const bits = storageBuffer(ctx, `${LABEL}:bits`, { bytes: nWords * 4 });
  try {
    const group = (p: GPUComputePipeline, entries: [number, GPUBuffer][]) =>
      ctx.device.createBindGroup({
        label: p.label,
        layout: p.getBindGroupLayout(0),
        entries: entries.map(([binding, buffer]) => ({ binding, resource: { buffer } })),
      });
    const encoder = ctx.device.createCommandEncoder({ label: LABEL });
    const run = (p: GPUComputePipeline, g: GPUBindGroup, n: number) => {
      const pass = encoder.beginComputePass({ label: p.label });
      pass.setPipeline(p);
      pass.setBindGroup(0, g);
      const [x, y] = workgroupGrid(ctx, Math.ceil(Math.max(1, n) / WORKGROUP_SIZE));
      pass.dispatchWorkgroups(x, y);
      pass.end();
    };
    run(
      pSplat!,
      group(pSplat!, [
        [0, dimsSamples],
        [2, tmp],
        [3, cellBuf],
        [4, thickBuf],
      ]),
      cells.length,
    );
    run(
      pMerge!,
      group(pMerge!, [
        [0, dimsCells],
        [1, gridBuf],
        [2, tmp],
      ]),
      grid.length,
    );
    run(
      pBits!,
      group(pBits!, [
        [0, dimsCells],
        [1, gridBuf],
        [5, bits],
      ]),
      nWords,
    );
    ctx.device.queue.submit([encoder.finish()]);
    return { grid: await readF32(ctx, gridBuf, grid.length), bits: await readU32(ctx, bits, nWords) };
  } finally {
    for (const b of [dimsSamples, dimsCells, gridBuf, tmp, cellBuf, thickBuf, bits]) b.destroy();
  }
}
