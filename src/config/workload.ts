// Measured workloads (configs/workloads/<app>.json, written by `ngpc profile`): schema and loading.
import { z } from 'zod';
import { NgpcInputError } from '../errors.ts';
import { loadConfig } from './load.ts';
import { version } from './schema.ts';
import { configPath, configStore } from './store.ts';

const count = z.number().int().nonnegative();

/** What `ngpc profile` records of a rendered frame; the model reads `samplesPerPixel` from it. */
export const measuredWorkloadSchema = z.strictObject({
  version,
  app: z.string().min(1),
  resolution: z.strictObject({ widthPx: count.positive(), heightPx: count.positive() }),
  /** Mean field queries per pixel, in the shape of an app-config parameter. */
  samplesPerPixel: z.strictObject({
    value: z.number().positive({ error: 'expected a positive mean number of queries per pixel' }),
    source: z.string().startsWith('measured:', { error: 'expected a source starting with "measured:"' }),
  }),
  queriesPerFrame: count,
  queriesPerPixel: z.strictObject({
    min: count,
    p50: count,
    p90: count,
    p99: count,
    max: count,
    histogram: z.array(z.tuple([count, count])),
  }),
  /** A seeded sample of query positions in [0,1]^D, for address-stream and bank-conflict studies. */
  sampleQueries: z.array(z.array(z.number())),
  /** The encoding and network(s) of the profiled model, in tiny-cuda-nn keys. */
  model: z.record(z.string(), z.unknown()),
  /** Free-form measurement details an app adds (rounds, early-termination rate, …). */
  details: z.record(z.string(), z.unknown()).optional(),
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
