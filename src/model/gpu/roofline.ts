// Calculon-style kernel timing: time = max(compute / (peak·eff), traffic / (bandwidth·eff)) + launches · overhead.
import type { GpuEfficiencies, GpuSpec } from '../../config/gpu.ts';

/** Which part of the frame a kernel belongs to: the offloadable encoding and MLP, or the "rest" kernels. */
export type KernelGroup = 'encoding' | 'mlp' | 'rest';

/** The work of one kernel over a frame. */
export interface KernelWork {
  name: string;
  group: KernelGroup;
  /** Plain FP32/INT32 instructions. */
  aluOps: number;
  /** Tensor-core flops (2 per MAC). */
  tensorFlops: number;
  /** Bytes through L2 (every global access) and the part of them that reaches DRAM. */
  l2Bytes: number;
  dramBytes: number;
  launches: number;
}

export type KernelLimiter = 'alu' | 'tensor' | 'l2' | 'dram' | 'launch';

export interface KernelTime extends KernelWork {
  seconds: number;
  aluSeconds: number;
  tensorSeconds: number;
  l2Seconds: number;
  dramSeconds: number;
  launchSeconds: number;
  limiter: KernelLimiter;
}

/** The efficiency each roofline term of a kernel group runs at (rest kernels: one efficiency for all terms). */
function groupEfficiencies(
  group: KernelGroup,
  e: GpuEfficiencies,
): { alu: number; tensor: number; l2: number; dram: number } {
  if (group === 'rest') return { alu: e.rest, tensor: e.rest, l2: e.rest, dram: e.rest };
  return { alu: e.alu, tensor: e.tensor, l2: e.l2, dram: e.dram };
}

/** Times one kernel on a GPU with the given efficiencies (default: the GPU's calibrated ones). */
export function kernelTime(
  work: KernelWork,
  gpu: GpuSpec,
  efficiencies: GpuEfficiencies = gpu.efficiencies,
): KernelTime {
  const eff = groupEfficiencies(work.group, efficiencies);
  const aluSeconds = work.aluOps / (gpu.aluOpPerS * eff.alu);
  const tensorSeconds = work.tensorFlops / (gpu.mlpTensorFlopPerS * eff.tensor);
  const l2Seconds = work.l2Bytes / (gpu.l2BytesPerS * eff.l2);
  const dramSeconds = work.dramBytes / (gpu.dramBytesPerS * eff.dram);
  const launchSeconds = work.launches * gpu.launchOverheadS;
  let limiter: KernelLimiter = 'alu';
  let body = aluSeconds;
  if (tensorSeconds > body) [limiter, body] = ['tensor', tensorSeconds];
  if (l2Seconds > body) [limiter, body] = ['l2', l2Seconds];
  if (dramSeconds > body) [limiter, body] = ['dram', dramSeconds];
  if (launchSeconds > body) limiter = 'launch';
  return {
    name: work.name,
    group: work.group,
    aluOps: work.aluOps,
    tensorFlops: work.tensorFlops,
    l2Bytes: work.l2Bytes,
    dramBytes: work.dramBytes,
    launches: work.launches,
    seconds: body + launchSeconds,
    aluSeconds,
    tensorSeconds,
    l2Seconds,
    dramSeconds,
    launchSeconds,
    limiter,
  };
}
