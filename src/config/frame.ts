// Frame-composition parameters (configs/frame/pipeline.json): fused rest kernels and frame-rate targets.
import { z } from 'zod';
import { loadConfig } from './load.ts';
import { param, version } from './schema.ts';
import { configPath } from './store.ts';

export const frameConfigSchema = z.strictObject({
  version,
  description: z.string().optional(),
  restFusionSpeedup: param('count', { positive: true }),
  /** Written by `ngpc bench apps --write` (src/apps/nerf/measuredFusion.ts); recorded, not used by the model. */
  measuredRestFusionSpeedup: param('count', { positive: true }).optional(),
  restFusedDramFraction: param('fraction', { positive: true, max: 1 }),
  frameRateTargets: z.strictObject({
    '1080p': param('count', { positive: true }),
    '4k': param('count', { positive: true }),
    '8k': param('count', { positive: true }),
    other: param('count', { positive: true }),
  }),
});
export type FrameConfig = z.output<typeof frameConfigSchema>;

let cached: FrameConfig | undefined;

/** The shipped frame config (cached). */
export function loadFrameConfig(): FrameConfig {
  cached ??= loadConfig(configPath('frame', 'pipeline.json'), frameConfigSchema);
  return cached;
}

/** Target FPS of a resolution name ("1080p", "4k", "8k"; anything else: `other`). */
export function targetFps(cfg: FrameConfig, resolution: string): number {
  const t = cfg.frameRateTargets;
  return (resolution === '1080p' || resolution === '4k' || resolution === '8k' ? t[resolution] : t.other)
    .value;
}
