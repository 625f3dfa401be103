import { GRID_PARAM_BINDINGS } from '../../encoding/gridEncoding.gpu.ts';
import { readF32, readU32, storageBuffer, uniformBuffer } from '../../gpu/buffers.ts';
import { bindBuffers, workgroupGrid } from '../../gpu/pipeline.ts';
import { u32 } from '../../gpu/wgsl.ts';
import { cameraWords, type NerfCamera } from './camera.ts';
import {
  LABEL,
  type NerfGpuModel,
  type NerfGpuRender,
  TERMINATED_BIT,
  WORKGROUP_SIZE,
} from './nerfRenderBase.gpu.ts';

/** Runs one per-pixel dispatch and reads back RGBA and sample counts. */
async function onePass(
  r: NerfGpuModel,
  camera: NerfCamera,
  label: string,
  pipeline: GPUComputePipeline,
  groupsOf: (cam: GPUBuffer, rgba: GPUBuffer, samples: GPUBuffer) => GPUBindGroup[],
): Promise<NerfGpuRender> {
  const { ctx } = r;
  const nPx = camera.widthPx * camera.heightPx;
  const cam = uniformBuffer(ctx, `${label}:camera`, cameraWords(camera));
  const rgba = storageBuffer(ctx, `${label}:rgba`, { bytes: nPx * 16 });
  const samples = storageBuffer(ctx, `${label}:samples`, { bytes: nPx * 4 });
  try {
    const groups = groupsOf(cam, rgba, samples);
    const [x, y] = workgroupGrid(ctx, Math.ceil(nPx / WORKGROUP_SIZE));
    const t0 = performance.now();
    const encoder = ctx.device.createCommandEncoder({ label });
    const pass = encoder.beginComputePass({ label });
    pass.setPipeline(pipeline);
    for (const [i, g] of groups.entries()) pass.setBindGroup(i, g);
    pass.dispatchWorkgroups(x, y);
    pass.end();
    ctx.device.queue.submit([encoder.finish()]);
    const out = await readF32(ctx, rgba, nPx * 4);
    const counts = await readU32(ctx, samples, nPx);
    const wallS = (performance.now() - t0) / 1000;
    let rows = 0;
    for (const c of counts) rows += c & ~TERMINATED_BIT;
    return {
      widthPx: camera.widthPx,
      heightPx: camera.heightPx,
      rgba: out,
      samples: counts,
      rounds: 1,
      networkRows: rows,
      wallS,
    };
  } finally {
    for (const b of [cam, rgba, samples]) b.destroy();
  }
}

/**
 * The fused renderer: one dispatch of kernels/nerfFused.wgsl. With `record`, the first `record.stride` network
 * outputs of every pixel are also written to `record.buffer` (nPx × stride vec4) for renderFusedRest.
 */
export async function renderFused(
  r: NerfGpuModel,
  camera: NerfCamera,
  record?: { buffer: GPUBuffer; stride: number },
): Promise<NerfGpuRender> {
  const label = `${LABEL}:fused${record ? 'Record' : ''}`;
  const pipeline = await r.pipeline('nerfFused.wgsl', label, {
    RECORD_STRIDE: u32(record?.stride ?? 0),
  });
  const recorded = record?.buffer ?? r.dummies[GRID_PARAM_BINDINGS]!;
  return onePass(r, camera, label, pipeline, (cam, rgba, samples) => [
    bindBuffers(r.ctx, pipeline, label, [cam, r.levels, r.fusedWeights, r.bitfield, rgba, samples, recorded]),
    r.paramGroup(pipeline, label),
  ]);
}

/**
 * The fused rest of the frame (kernels/nerfFusedRest.wgsl): ray generation, marching, SH and compositing in one
 * dispatch, replaying network outputs recorded by renderFused with the same stride (the NGPC's share of the frame).
 */
export async function renderFusedRest(
  r: NerfGpuModel,
  camera: NerfCamera,
  record: { buffer: GPUBuffer; stride: number },
): Promise<NerfGpuRender> {
  const label = `${LABEL}:fusedRest`;
  const pipeline = await r.pipeline('nerfFusedRest.wgsl', label, { RECORD_STRIDE: u32(record.stride) });
  return onePass(r, camera, label, pipeline, (cam, rgba, samples) => [
    bindBuffers(r.ctx, pipeline, label, [cam, r.bitfield, record.buffer, rgba, samples]),
  ]);
}
