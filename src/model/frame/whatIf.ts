// What-if copies of the configs a point is evaluated with (an NFP clock, a rest-kernel fusion speedup), shared by
// `ngpc solve` and the explorer so both override the same way; the shipped and cached configs are never mutated.
import { type FrameConfig, loadFrameConfig } from '../../config/frame.ts';
import type { NgpcConfig } from '../ngpc/index.ts';
import { profileNgpc } from '../profile/apply.ts';
import {
  BASELINE_ONLY,
  type DesignPoint,
  ngpcConfigOf,
  type PointConfigOverrides,
  pointProfile,
} from './designPoint.ts';

/** The NGPC with another NFP clock. */
export function withClock(cfg: NgpcConfig, clockHz: number, source: string): NgpcConfig {
  return { ...cfg, clock: { value: clockHz, source } };
}

/** The frame config with another speedup of the fused rest kernels over the unfused ones. */
export function withRestFusion(frame: FrameConfig, speedup: number, source: string): FrameConfig {
  return { ...frame, restFusionSpeedup: { value: speedup, source } };
}

export interface WhatIf {
  clockHz?: number;
  restFusionSpeedup?: number;
}

/**
 * The config overrides of a point with a what-if clock and/or rest fusion; none given, none returned (the point is
 * then evaluated exactly as `ngpc simulate` does). The clock replaces the profiled preset's, as `ngpc solve` does.
 */
export function whatIfOverrides(point: DesignPoint, whatIf: WhatIf, source: string): PointConfigOverrides {
  const out: PointConfigOverrides = {};
  if (whatIf.clockHz !== undefined && point.ngpc !== BASELINE_ONLY) {
    const profiled = profileNgpc(ngpcConfigOf(point), pointProfile(point));
    out.ngpc = withClock(profiled, whatIf.clockHz, `${source} of ${profiled.name}'s clock`);
  }
  if (whatIf.restFusionSpeedup !== undefined) {
    out.frame = withRestFusion(
      loadFrameConfig(),
      whatIf.restFusionSpeedup,
      `${source} of the rest-kernel fusion speedup`,
    );
  }
  return out;
}
