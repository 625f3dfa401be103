// Baseline-GPU energy per kernel from its action counts: ALU/tensor ops, L2 and DRAM bytes, static power × time.
import type { GpuSpec } from '../../config/gpu.ts';
import type { BaselineResult } from '../gpu/baseline.ts';
import type { KernelGroup, KernelWork } from '../gpu/roofline.ts';

const FLOPS_PER_MAC = 2;
const BITS_PER_BYTE = 8;

/** One kernel's energy by action (J) and its average power. */
export interface KernelEnergy {
  name: string;
  group: KernelGroup;
  seconds: number;
  aluJ: number;
  tensorJ: number;
  l2J: number;
  dramJ: number;
  staticJ: number;
  /** Calibrated active power × time. */
  activeJ: number;
  totalJ: number;
  /** totalJ / seconds. */
  powerW: number;
}

/** The actions of a kernel the energy model reads, and the time it runs. */
export type KernelActivity = Pick<
  KernelWork,
  'name' | 'group' | 'aluOps' | 'tensorFlops' | 'l2Bytes' | 'dramBytes'
> & {
  seconds: number;
};

/**
 * E = aluOps·e_alu + tensorFlops/2·e_mac + l2Bytes·e_l2 + dramBytes·8·e_dramBit + (P_static + P_active)·t, where
 * P_active is calibrated (busyPower.ts) and the per-action energies are published (configs/gpus, docs/model.md §6).
 */
export function kernelEnergy(k: KernelActivity, gpu: GpuSpec): KernelEnergy {
  const e = gpu.energy;
  const aluJ = k.aluOps * e.aluOpJ;
  const tensorJ = (k.tensorFlops / FLOPS_PER_MAC) * e.tensorMacJ;
  const l2J = k.l2Bytes * e.l2ByteJ;
  const dramJ = k.dramBytes * BITS_PER_BYTE * e.dramBitJ;
  const staticJ = e.staticPowerW * k.seconds;
  const activeJ = e.activePowerW * k.seconds;
  const totalJ = aluJ + tensorJ + l2J + dramJ + staticJ + activeJ;
  return {
    name: k.name,
    group: k.group,
    seconds: k.seconds,
    aluJ,
    tensorJ,
    l2J,
    dramJ,
    staticJ,
    activeJ,
    totalJ,
    powerW: k.seconds > 0 ? totalJ / k.seconds : 0,
  };
}

export interface BaselineEnergy {
  totalJ: number;
  /** totalJ / frame time: what the busy GPU draws on this frame. */
  averagePowerW: number;
  kernels: KernelEnergy[];
}

/** Energy of a GPU-only frame: the sum over its kernels (run back to back). */
export function baselineEnergy(b: BaselineResult, gpu: GpuSpec): BaselineEnergy {
  const kernels = b.kernels.map((k) => kernelEnergy(k, gpu));
  const totalJ = kernels.reduce((s, k) => s + k.totalJ, 0);
  return { totalJ, averagePowerW: b.frameSeconds > 0 ? totalJ / b.frameSeconds : 0, kernels };
}
