// NeRF rendering on WebGPU two ways: unfused (one dispatch per stage, repeated over marching rounds) and fused (one kernel).
// The two paths live in nerfRenderUnfused.gpu.ts and nerfRenderFused.gpu.ts, sharing nerfRenderBase.gpu.ts; this class
// is the one object callers hold.
import type { NerfCamera } from './camera.ts';
import { DEFAULT_SAMPLES_PER_ROUND, NerfGpuModel, type NerfGpuRender } from './nerfRenderBase.gpu.ts';
import {
  renderFused as renderFusedPass,
  renderFusedRest as renderFusedRestPass,
} from './nerfRenderFused.gpu.ts';
import { unfusedRounds } from './nerfRenderUnfused.gpu.ts';

export {
  DEFAULT_SAMPLES_PER_ROUND,
  MAX_STEPS_PER_ROUND,
  NERF_STAGES,
  type NerfGpuRender,
  type NerfStage,
  REST_STAGES,
  resolveImage,
  TERMINATED_BIT,
} from './nerfRenderBase.gpu.ts';

/** A NeRF model bound to a device: grid tables, weights, occupancy bitfield; renders either way. */
export class NerfRendererGpu extends NerfGpuModel {
  /**
   * The fused renderer: one dispatch of kernels/nerfFused.wgsl. With `record`, the first `record.stride` network
   * outputs of every pixel are also written to `record.buffer` (nPx × stride vec4) for renderFusedRest.
   */
  async renderFused(
    camera: NerfCamera,
    record?: { buffer: GPUBuffer; stride: number },
  ): Promise<NerfGpuRender> {
    return renderFusedPass(this, camera, record);
  }

  /**
   * The fused rest of the frame (kernels/nerfFusedRest.wgsl): ray generation, marching, SH and compositing in one
   * dispatch, replaying network outputs recorded by renderFused with the same stride (the NGPC's share of the frame).
   */
  async renderFusedRest(
    camera: NerfCamera,
    record: { buffer: GPUBuffer; stride: number },
  ): Promise<NerfGpuRender> {
    return renderFusedRestPass(this, camera, record);
  }

  /**
   * The unfused renderer: ray generation once, then rounds of march → encode → density MLP → SH → colour MLP →
   * composite → compact, one dispatch each, until no ray is alive (instant-ngp's render loop, docs/sources.md#kernels-5-3).
   * With `timeStages` every stage is submitted and awaited alone and its wall time recorded.
   */
  async renderUnfused(
    camera: NerfCamera,
    { samplesPerRound = DEFAULT_SAMPLES_PER_ROUND, timeStages = false } = {},
  ): Promise<NerfGpuRender> {
    return unfusedRounds(this, camera, samplesPerRound, timeStages, null);
  }

  /**
   * The unfused rest of the frame: renderUnfused's rounds and rest stages (ray generation, march, SH, composite,
   * compact), one dispatch each, with encode → density MLP → colour MLP replaced by one dispatch of
   * kernels/nerfStageReplay.wgsl that copies the outputs renderFused recorded with the same stride (as renderFusedRest
   * replays them), so the two rest-of-frame renders do the same work, unfused and fused.
   */
  async renderUnfusedRest(
    camera: NerfCamera,
    record: { buffer: GPUBuffer; stride: number },
    { samplesPerRound = DEFAULT_SAMPLES_PER_ROUND } = {},
  ): Promise<NerfGpuRender> {
    return unfusedRounds(this, camera, samplesPerRound, false, record);
  }
}
