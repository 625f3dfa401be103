// The design-point config kind: one GPU × app × encoding × resolution × NGPC, as a file, a sweep base or CLI flags.
import { z } from 'zod';
import { DEFAULT_PROFILE, profileNameSchema } from './profile.ts';
import { param, version } from './schema.ts';

/** A design point as written in a sweep's base, a `--config` file, or built from CLI flags. */
export const designPointSchema = z.strictObject({
  version: version.optional(),
  description: z.string().optional(),
  gpu: z.string().min(1),
  app: z.string().min(1),
  encoding: z.string().min(1),
  resolution: z.union([z.string(), z.number()]).default('1080p').transform(String),
  /** NGPC preset (`ngpc-8` … `ngpc-64`) or "none" for the baseline GPU alone. */
  ngpc: z.string().min(1).default('ngpc-16'),
  /** Overrides the preset's NFP count (a positive integer). */
  nfps: z.number({ error: 'expected a positive whole number of NFPs' }).optional(),
  sramPolicy: z
    .enum(['assume-fits', 'spill'], { error: 'expected "assume-fits" or "spill"' })
    .default('assume-fits'),
  /** A measured samples-per-pixel that replaces the app config's assumption. */
  samplesPerPixel: param('count', { positive: true }).optional(),
  /**
   * Where samples per pixel come from when `samplesPerPixel` is not given: the app config's assumption
   * ("assumed"), configs/workloads/<app>.json written by `ngpc profile` ("measured"), or a workload file's path.
   */
  workload: z
    .string()
    .min(1, { error: 'expected "assumed", "measured" or a workload file' })
    .default('assumed'),
  /**
   * An instant-ngp / tiny-cuda-nn model file (JSON with comments and `parent`, or YAML) whose `encoding`, `network`,
   * `dir_encoding` and `rgb_network` replace the app's, so the NGPC runs *your* network; a path from the working folder.
   */
  tcnn: z.string().min(1, { error: 'expected the path of an instant-ngp / tcnn model file' }).optional(),
  /** The model profile: "first-principles" (calibrated on paper §2 only) or "paper-fit" (`ngpc fit`). */
  profile: profileNameSchema.default(DEFAULT_PROFILE),
});
export type DesignPointInput = z.input<typeof designPointSchema>;
export type DesignPoint = z.output<typeof designPointSchema>;
