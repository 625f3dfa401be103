// Frame composition: NGPC (encoding + MLP) pipelined in batches against the GPU's fused remaining kernels.
import type { FrameConfig } from '../../config/frame.ts';
import type { GpuSpec } from '../../config/gpu.ts';
import type { Composition } from '../../config/profile.ts';
import type { BaselineResult } from '../gpu/baseline.ts';
import type { NgpcResult } from '../ngpc/index.ts';

export type FrameLimiter = 'ngpc' | 'gpu-rest';

export interface ComposedFrame {
  /** overlapped: max(ngpc, rest) + min(ngpc', rest) / batches (a two-stage pipeline); serial: ngpc + rest. */
  frameSeconds: number;
  composition: Composition;
  ngpcSeconds: number;
  /** The baseline's rest kernels, fused (÷ restFusionSpeedup). */
  restFusedSeconds: number;
  /** The shorter stage's share of one batch at each end of the pipeline. */
  pipelineFillSeconds: number;
  batches: number;
  limiter: FrameLimiter;
  /** baseline frame / frame. */
  speedup: number;
  /** Amdahl bound: baseline frame / fused rest (an infinitely fast NGPC). */
  amdahlBoundSpeedup: number;
  dramBytesPerFrame: number;
  l2BytesPerFrame: number;
  /** NGPC area over the GPU die, NGPC power over the GPU board power (fractions). */
  areaOverhead: number;
  powerOverhead: number;
}

/**
 * Composes a frame: while NGPC encodes and evaluates batch N+1, the SMs run the fused rest kernels of batch N
 * (docs/sources.md#paper-3). With B equal batches (B = queries / NFP batch queries) a two-stage pipeline takes
 * max(a, b) + min(a', b)/B, where a' is the NGPC time without its up-front table load.
 */
export function composeFrame(
  baseline: BaselineResult,
  ngpc: NgpcResult,
  gpu: GpuSpec,
  frameCfg: FrameConfig,
  queriesPerFrame: number,
  composition: Composition = 'overlapped',
): ComposedFrame {
  const restKernels = baseline.kernels.filter((k) => k.group === 'rest');
  const restFusedSeconds = baseline.groupSeconds.rest / frameCfg.restFusionSpeedup.value;
  const restFusedDramBytes =
    restKernels.reduce((s, k) => s + k.dramBytes, 0) * frameCfg.restFusedDramFraction.value;
  // Each NFP hands its batches to the SMs on its own (the N NFPs are not in lock step), so the pipeline's
  // granularity is one NFP batch.
  const batches = Math.max(1, Math.ceil(queriesPerFrame / ngpc.batch.queries));
  const ngpcSeconds = ngpc.frameSeconds;
  const longer = Math.max(ngpcSeconds, restFusedSeconds);
  // The grid-SRAM table load precedes the first batch and is already in the NGPC time; only the streamed part
  // of the NGPC work is cut into batches.
  const tableLoad = ngpc.engines.find((e) => e.name === 'table-load');
  const ngpcStreamSeconds = Math.max(0, ngpcSeconds - (tableLoad ? tableLoad.cycles / ngpc.clockHz : 0));
  // Serial: the SMs wait for NGPC and NGPC for the SMs (no batch overlap); the shorter stage is all "fill".
  const pipelineFillSeconds =
    composition === 'serial'
      ? Math.min(ngpcSeconds, restFusedSeconds)
      : Math.min(ngpcStreamSeconds, restFusedSeconds) / batches;
  const frameSeconds = longer + pipelineFillSeconds;
  return {
    frameSeconds,
    composition,
    ngpcSeconds,
    restFusedSeconds,
    pipelineFillSeconds,
    batches,
    limiter: ngpcSeconds >= restFusedSeconds ? 'ngpc' : 'gpu-rest',
    speedup: baseline.frameSeconds / frameSeconds,
    amdahlBoundSpeedup:
      restFusedSeconds > 0 ? baseline.frameSeconds / restFusedSeconds : Number.POSITIVE_INFINITY,
    dramBytesPerFrame: ngpc.dramBytesPerFrame + restFusedDramBytes,
    l2BytesPerFrame: ngpc.l2BytesPerFrame + restFusedDramBytes,
    areaOverhead: ngpc.area.totalMm2 / gpu.dieAreaMm2,
    powerOverhead: ngpc.power.totalW / gpu.boardPowerW,
  };
}
