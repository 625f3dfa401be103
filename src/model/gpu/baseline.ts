// The baseline GPU running a whole frame: per-kernel roofline times, shares, and totals per kernel group.
import type { GpuEfficiencies, GpuSpec } from '../../config/gpu.ts';
import type { FrameWorkload } from '../../workload/types.ts';
import { frameKernelWork } from './kernels.ts';
import { type KernelGroup, type KernelTime, kernelTime } from './roofline.ts';

export interface BaselineKernel extends KernelTime {
  /** seconds / frameSeconds. */
  share: number;
}

export interface BaselineResult {
  gpu: string;
  /** Kernels run back to back (each one fills the GPU): the frame is their sum. */
  frameSeconds: number;
  groupSeconds: Record<KernelGroup, number>;
  kernels: BaselineKernel[];
  l2BytesPerFrame: number;
  dramBytesPerFrame: number;
}

/** Times a frame's kernels on `gpu` (efficiencies default to the GPU's calibrated ones). */
export function simulateBaseline(
  w: FrameWorkload,
  gpu: GpuSpec,
  efficiencies?: GpuEfficiencies,
): BaselineResult {
  const times = frameKernelWork(w, gpu).map((k) => kernelTime(k, gpu, efficiencies));
  const frameSeconds = times.reduce((s, k) => s + k.seconds, 0);
  const groupSeconds: Record<KernelGroup, number> = { encoding: 0, mlp: 0, rest: 0 };
  let l2BytesPerFrame = 0;
  let dramBytesPerFrame = 0;
  for (const k of times) {
    groupSeconds[k.group] += k.seconds;
    l2BytesPerFrame += k.l2Bytes;
    dramBytesPerFrame += k.dramBytes;
  }
  return {
    gpu: gpu.name,
    frameSeconds,
    groupSeconds,
    kernels: times.map((k) => ({ ...k, share: k.seconds / frameSeconds })),
    l2BytesPerFrame,
    dramBytesPerFrame,
  };
}
