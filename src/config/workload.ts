// Measured workloads (configs/workloads/<app>.json, written by `ngpc profile`): schema and loading.
import { z } from 'zod';
import { NgpcInputError } from '../errors.ts';
import { loadConfig } from './load.ts';
import { doc, version } from './schema.ts';
import { configPath, configStore } from './store.ts';

const count = z.number().int().nonnegative();

/** What `ngpc profile` records of a rendered frame; the model reads `samplesPerPixel` from it. */
export const measuredWorkloadSchema = z.strictObject({
  version,
  app: doc(z.string().min(1), 'application measured'),
  resolution: doc(
    z.strictObject({
      widthPx: doc(count.positive(), 'frame width, px'),
      heightPx: doc(count.positive(), 'frame height, px'),
    }),
    'measured frame size',
  ),
  /** Mean field queries per pixel, in the shape of an app-config parameter. */
  samplesPerPixel: doc(
    z.strictObject({
      value: doc(
        z.number().positive({ error: 'expected a positive mean number of queries per pixel' }),
        'mean queries per pixel',
      ),
      source: doc(
        z.string().startsWith('measured:', { error: 'expected a source starting with "measured:"' }),
        'where it was measured ("measured: adapter, date, …")',
      ),
    }),
    'measured mean queries per pixel, with its source',
  ),
  queriesPerFrame: doc(count, 'queries in the measured frame'),
  queriesPerPixel: z.strictObject({
    min: doc(count, 'fewest queries of a pixel'),
    p50: doc(count, 'median queries per pixel'),
    p90: doc(count, '90th percentile'),
    p99: doc(count, '99th percentile'),
    max: doc(count, 'most queries of a pixel'),
    histogram: doc(z.array(z.tuple([count, count])), '[queries, pixels] pairs'),
  }),
  /** A seeded sample of query positions in [0,1]^D, for address-stream and bank-conflict studies. */
  sampleQueries: doc(
    z.array(z.array(z.number())),
    'recorded query positions (unit cube) for the NFP bank-conflict simulation',
  ),
  /** The encoding and network(s) of the profiled model, in tiny-cuda-nn keys. */
  model: doc(z.record(z.string(), z.unknown()), 'the trained model profiled (file, header summary)'),
  /** Free-form measurement details an app adds (rounds, early-termination rate, …). */
  details: doc(z.record(z.string(), z.unknown()).optional(), 'app-specific measurement details'),
});
export type MeasuredWorkloadConfig = z.output<typeof measuredWorkloadSchema>;

/** The default place of an app's measured workload. */
export function measuredWorkloadPath(app: string): string {
  return configPath('workloads', `${app}.json`);
}

/**
 * Loads a measured workload: `file`, or configs/workloads/<app>.json. A missing default file is an input error
 * that says how to make one; a file for another app is rejected.
 */
export function loadMeasuredWorkload(app: string, file?: string): MeasuredWorkloadConfig {
  const path = file ?? measuredWorkloadPath(app);
  if (!file && !configStore().exists(path)) {
    throw new NgpcInputError(
      `${path}: no measured workload for ${app}; run \`ngpc profile --app ${app} --model <file>\` first, or use the assumed one`,
    );
  }
  const w = loadConfig(path, measuredWorkloadSchema);
  if (w.app !== app)
    throw new NgpcInputError(`${path}: $.app = "${w.app}": expected a workload measured for ${app}`);
  return w;
}
