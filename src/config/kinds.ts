// Every config kind ngpc reads, with its schema: drives `ngpc schemas` and the test over configs/**.

import { appConfigSchema } from './app.ts';
import { targetConfigSchema } from './deviceTarget.ts';
import { frameConfigSchema } from './frame.ts';
import { gpuConfigSchema } from './gpu.ts';
import { ngpcConfigSchema } from './ngpc.ts';
import { designPointSchema } from './point.ts';
import { paperFitResultSchema, paperFitSpecSchema } from './profile.ts';
import type { ConfigKind } from './registry.ts';
import { sweepFileSchema } from './sweep.ts';
import { calibrationFileSchema, reproduceFileSchema } from './targets.ts';
import { measuredWorkloadSchema } from './workload.ts';

/** Add new kinds here (one line each); `ngpc schemas` writes configs/schema/<name>.schema.json for each. */
export const CONFIG_KINDS: readonly ConfigKind[] = [
  {
    name: 'sweep',
    description: 'ngpc sweep file: a base design point and named axes',
    schema: sweepFileSchema,
    folder: 'sweeps',
  },
  {
    name: 'ngpc',
    description: 'NGPC design point: NFP count, clock, engines, memory, area/energy data',
    schema: ngpcConfigSchema,
    folder: 'ngpc',
  },
  {
    name: 'gpu',
    description: 'baseline GPU preset: specs with sources and calibrated efficiencies',
    schema: gpuConfigSchema,
    folder: 'gpus',
  },
  {
    name: 'app',
    description: 'neural-graphics app: tcnn encodings, MLP shapes, samples per pixel, rest kernels',
    schema: appConfigSchema,
    folder: 'apps',
  },
  {
    name: 'calibration',
    description: 'baseline-GPU calibration targets (paper §2 only)',
    schema: calibrationFileSchema,
    folder: 'calibration',
    files: /^(?!paper-fit)/,
  },
  {
    name: 'paper-fit',
    description:
      'paper-fit profile: parameters the paper does not give, their ranges, hypotheses and fit set',
    schema: paperFitSpecSchema,
    folder: 'calibration',
    files: /^paper-fit\.json$/,
  },
  {
    name: 'paper-fit-result',
    description: 'paper-fit profile as fitted by ngpc fit --write (do not edit by hand)',
    schema: paperFitResultSchema,
    folder: 'calibration',
    files: /^paper-fit\.result\.json$/,
  },
  {
    name: 'reproduce',
    description: 'published numbers the reproduce table compares with',
    schema: reproduceFileSchema,
    folder: 'reproduce',
  },
  {
    name: 'frame',
    description: 'frame composition: fused rest kernels, frame-rate targets',
    schema: frameConfigSchema,
    folder: 'frame',
  },
  {
    name: 'target',
    description: 'device target: views × pixels × refresh rate and a power budget (desktop, VR, AR)',
    schema: targetConfigSchema,
    folder: 'targets',
  },
  {
    name: 'point',
    description: 'one design point for ngpc simulate --config or a sweep base',
    schema: designPointSchema,
  },
  {
    name: 'workload',
    description: 'a measured workload written by ngpc profile: queries per pixel and sample query positions',
    schema: measuredWorkloadSchema,
    folder: 'workloads',
  },
];
