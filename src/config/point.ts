// The design-point config kind: one GPU × app × encoding × resolution × NGPC, as a file, a sweep base or CLI flags.
import { z } from 'zod';
import { DEFAULT_PROFILE, profileNameSchema } from './profile.ts';
import { doc, param, version } from './schema.ts';

/** A design point as written in a sweep's base, a `--config` file, or built from CLI flags. */
export const designPointSchema = z.strictObject({
  version: version.optional(),
  description: doc(z.string().optional(), 'what this point is, for readers'),
  gpu: doc(z.string().min(1), 'GPU preset (configs/gpus)'),
  app: doc(z.string().min(1), 'nerf, nsdf, gia or nvr'),
  encoding: doc(z.string().min(1), 'hashgrid, densegrid or lowres-densegrid'),
  resolution: doc(
    z.union([z.string(), z.number()]).default('1080p').transform(String),
    '1080p, 4k, 8k or WxH',
  ),
  /** NGPC preset (`ngpc-8` … `ngpc-64`) or "none" for the baseline GPU alone. */
  ngpc: doc(z.string().min(1).default('ngpc-16'), 'NGPC preset, or "none" for the GPU alone'),
  /** Overrides the preset's NFP count (a positive integer). */
  nfps: doc(
    z.number({ error: 'expected a positive whole number of NFPs' }).optional(),
    "overrides the preset's NFP count",
  ),
  sramPolicy: doc(
    z.enum(['assume-fits', 'spill'], { error: 'expected "assume-fits" or "spill"' }).default('assume-fits'),
    'grid-SRAM capacity policy: assume-fits (the paper) or spill',
  ),
  /** A measured samples-per-pixel that replaces the app config's assumption. */
  samplesPerPixel: doc(
    param('count', { positive: true }).optional(),
    "samples per pixel replacing the app's assumption",
  ),
  /**
   * Where samples per pixel come from when `samplesPerPixel` is not given: the app config's assumption
   * ("assumed"), configs/workloads/<app>.json written by `ngpc profile` ("measured"), or a workload file's path.
   */
  workload: doc(
    z.string().min(1, { error: 'expected "assumed", "measured" or a workload file' }).default('assumed'),
    '"assumed", "measured" or a workload file',
  ),
  /**
   * An instant-ngp / tiny-cuda-nn model file (JSON with comments and `parent`, or YAML) whose `encoding`, `network`,
   * `dir_encoding` and `rgb_network` replace the app's, so the NGPC runs *your* network; a path from the working folder.
   */
  tcnn: doc(
    z.string().min(1, { error: 'expected the path of an instant-ngp / tcnn model file' }).optional(),
    "instant-ngp / tiny-cuda-nn model file whose encoding and networks replace the app's",
  ),
  /** The model profile: "first-principles" (calibrated on paper §2 only) or "paper-fit" (`ngpc fit`). */
  profile: doc(profileNameSchema.default(DEFAULT_PROFILE), 'model profile: first-principles or paper-fit'),
});
export type DesignPointInput = z.input<typeof designPointSchema>;
export type DesignPoint = z.output<typeof designPointSchema>;
