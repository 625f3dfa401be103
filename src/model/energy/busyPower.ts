// The busy-power calibration: the active power that makes the GPU draw its board power on the paper's profile.
import { APP_NAMES, ENCODING_NAMES } from '../../config/app.ts';
import type { GpuSpec } from '../../config/gpu.ts';
import { baselineOf } from '../gpu/baselineMetrics.ts';
import { baselineEnergy } from './gpuEnergy.ts';

/** The busy workloads: the paper's profile (docs/sources.md#paper-2), every app × encoding at 1080p. */
export const BUSY_POWER_RESOLUTION = '1080p';

export interface BusyPower {
  gpu: string;
  boardPowerW: number;
  /** Mean over the workloads of each frame's average power. */
  meanPowerW: number;
  workloads: { app: string; encoding: string; frameSeconds: number; powerW: number }[];
}

/** The GPU's average power on each busy workload, with its configured energies. */
export function busyPower(gpu: GpuSpec): BusyPower {
  const workloads = ENCODING_NAMES.flatMap((encoding) =>
    APP_NAMES.map((app) => {
      const b = baselineOf(app, encoding, BUSY_POWER_RESOLUTION, gpu);
      return { app, encoding, frameSeconds: b.frameSeconds, powerW: baselineEnergy(b, gpu).averagePowerW };
    }),
  );
  return {
    gpu: gpu.name,
    boardPowerW: gpu.boardPowerW,
    meanPowerW: workloads.reduce((s, w) => s + w.powerW, 0) / workloads.length,
    workloads,
  };
}

/**
 * The active power with mean busy power = board power. Each frame's power is P_i = actions_i/t_i + P_static + P_active,
 * so P_active = board − mean(P_i at P_active = 0). Board power is a spec, not a §4 result.
 */
export function fitActivePowerW(gpu: GpuSpec): number {
  return gpu.boardPowerW - busyPower({ ...gpu, energy: { ...gpu.energy, activePowerW: 0 } }).meanPowerW;
}
