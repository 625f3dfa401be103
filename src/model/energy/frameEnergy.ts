// Energy of a frame with NGPC: the GPU's fused rest kernels and idle wait, the NFPs' components, host L2/DRAM traffic.
import type { GpuSpec } from '../../config/gpu.ts';
import type { BaselineResult } from '../gpu/baseline.ts';
import type { EnergyComponent, NgpcResult } from '../ngpc/index.ts';
import { type KernelEnergy, kernelEnergy } from './gpuEnergy.ts';

const BITS_PER_BYTE = 8;

export interface NgpcFrameEnergy {
  totalJ: number;
  /** The GPU running the fused rest kernels (their ops, fused traffic, static power while they run). */
  gpuRestJ: number;
  /** The GPU idle (idlePowerW) for the rest of the frame, while it waits on NGPC. */
  gpuIdleJ: number;
  /** The NFPs: action energy + SRAM leakage (NgpcResult.energyPerFrameJ). */
  ngpcJ: number;
  /** NGPC traffic through the host L2 (inputs/outputs, table loads, misses) and DRAM (table loads, misses). */
  hostL2J: number;
  hostDramJ: number;
  restKernels: KernelEnergy[];
  /** Every term by name: `gpu:<rest kernel>`, `gpu-idle`, `ngpc:<component>`, `host-l2`, `host-dram`. */
  components: EnergyComponent[];
}

/** What the frame composition decided (compose.ts): the fused rest time and the frame time. */
export interface FrameTiming {
  frameSeconds: number;
  restFusedSeconds: number;
}

/**
 * Fusing the rest kernels (÷ restFusionSpeedup in time) keeps their arithmetic and removes the intermediate
 * DRAM/L2 round trips (× restFusedDramFraction, as compose.ts counts DRAM); each runs for its share of the fused
 * time. The NGPC's host traffic is charged the GPU's L2 and DRAM energies without the SM overhead factor (NFPs
 * issue no instructions).
 */
export function ngpcFrameEnergy(
  baseline: BaselineResult,
  ngpc: NgpcResult,
  timing: FrameTiming,
  gpu: GpuSpec,
  restFusedDramFraction: number,
): NgpcFrameEnergy {
  const rest = baseline.kernels.filter((k) => k.group === 'rest');
  const restSeconds = rest.reduce((s, k) => s + k.seconds, 0);
  const restKernels = rest.map((k) =>
    kernelEnergy(
      {
        name: k.name,
        group: k.group,
        aluOps: k.aluOps,
        tensorFlops: k.tensorFlops,
        l2Bytes: k.l2Bytes * restFusedDramFraction,
        dramBytes: k.dramBytes * restFusedDramFraction,
        seconds: restSeconds > 0 ? (timing.restFusedSeconds * k.seconds) / restSeconds : 0,
      },
      gpu,
    ),
  );
  const gpuRestJ = restKernels.reduce((s, k) => s + k.totalJ, 0);
  const gpuIdleJ = gpu.idlePowerW * Math.max(0, timing.frameSeconds - timing.restFusedSeconds);
  const hostL2J = ngpc.l2BytesPerFrame * gpu.energy.l2ByteJ;
  const hostDramJ = ngpc.dramBytesPerFrame * BITS_PER_BYTE * gpu.energy.dramBitJ;
  const components: EnergyComponent[] = [
    ...restKernels.map((k) => ({ name: `gpu:${k.name}`, joules: k.totalJ })),
    { name: 'gpu-idle', joules: gpuIdleJ },
    ...ngpc.energyComponents.map((c) => ({ name: `ngpc:${c.name}`, joules: c.joules })),
    { name: 'host-l2', joules: hostL2J },
    { name: 'host-dram', joules: hostDramJ },
  ];
  return {
    totalJ: gpuRestJ + gpuIdleJ + ngpc.energyPerFrameJ + hostL2J + hostDramJ,
    gpuRestJ,
    gpuIdleJ,
    ngpcJ: ngpc.energyPerFrameJ,
    hostL2J,
    hostDramJ,
    restKernels,
    components,
  };
}
