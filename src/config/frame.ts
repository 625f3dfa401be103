// Frame-composition parameters (configs/frame/pipeline.json): fused rest kernels and frame-rate targets.
import { z } from 'zod';
import { loadConfig } from './load.ts';
import { doc, param, version } from './schema.ts';
import { configPath } from './store.ts';

export const frameConfigSchema = z.strictObject({
  version,
  description: doc(z.string().optional(), 'what this file is, for readers'),
  restFusionSpeedup: doc(
    param('count', { positive: true }),
    'speedup of the fused remaining kernels over unfused (paper §4: 9.94×)',
  ),
  /** Written by `ngpc bench apps --write` (src/apps/nerf/measuredFusion.ts); recorded, not used by the model. */
  measuredRestFusionSpeedup: doc(
    param('count', { positive: true }).optional(),
    "fusion speedup measured by ngpc bench (reported beside the paper's)",
  ),
  restFusedDramFraction: doc(
    param('fraction', { positive: true, max: 1 }),
    'DRAM traffic of the fused rest kernels as a fraction of unfused',
  ),
  frameRateTargets: z.strictObject({
    '1080p': doc(param('count', { positive: true }), 'target frame rate at 1080p'),
    '4k': doc(param('count', { positive: true }), 'target frame rate at 4K'),
    '8k': doc(param('count', { positive: true }), 'target frame rate at 8K'),
    other: doc(param('count', { positive: true }), 'target frame rate at any other resolution'),
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
