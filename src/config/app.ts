// Application presets (configs/apps/*.json): encodings in tiny-cuda-nn keys, MLP shapes and per-frame work.
import { readdirSync } from 'node:fs';
import { z } from 'zod';
import { NgpcInputError } from '../errors.ts';
import { loadConfig } from './load.ts';
import { configPath } from './paths.ts';
import { param, source, version } from './schema.ts';

/** The encodings every app is modelled with (docs/sources.md#paper-1): names used on the CLI and in sweeps. */
export const ENCODING_NAMES = ['hashgrid', 'densegrid', 'lowres-densegrid'] as const;
export type EncodingName = (typeof ENCODING_NAMES)[number];

export const APP_NAMES = ['nerf', 'nsdf', 'gia', 'nvr'] as const;
export type AppName = (typeof APP_NAMES)[number];

const count = (opts: { min?: number; positive?: boolean } = { min: 0 }) => param('count', opts);

const appEncodingSchema = z.strictObject({
  source,
  /** tiny-cuda-nn grid-encoding JSON (HashGrid / DenseGrid / TiledGrid keys, docs/sources.md#kernels-1-1). */
  tcnn: z.record(z.string(), z.unknown()),
  /** instant-ngp's `desired_resolution` when per_level_scale is derived from it (docs/sources.md#kernels-2-2). */
  desiredResolution: param('count', { positive: true }).optional(),
});

const mlpSchema = z.strictObject({
  name: z.string().min(1),
  source,
  /** "encoding" = the grid's L·F outputs (padded to 16, as tcnn does); or a fixed width. */
  inputDims: z.union([z.literal('encoding'), z.number().int().positive()], {
    error: 'expected "encoding" or a positive integer',
  }),
  width: z.number().int().positive(),
  hiddenLayers: z.number().int().min(1, { error: 'expected at least 1 hidden layer' }),
  outputDims: z.number().int().positive(),
  outputDimsPadded: z.number().int().positive(),
});

/** A "rest" kernel's work as per-pixel and per-sample counts; one `source` covers its numbers. */
const restKernelSchema = z.strictObject({
  name: z.string().min(1),
  source,
  aluOpsPerPixel: z.number().min(0).default(0),
  aluOpsPerSample: z.number().min(0).default(0),
  dramBytesPerPixel: z.number().min(0).default(0),
  dramBytesPerSample: z.number().min(0).default(0),
  launchesPerFrame: z.number().int().min(0).default(0),
  launchesPerRound: z.number().int().min(0).default(0),
});

export const appConfigSchema = z.strictObject({
  version,
  otype: z.literal('NeuralGraphicsApp', { error: 'expected "NeuralGraphicsApp"' }),
  name: z.enum(APP_NAMES, { error: `expected one of ${APP_NAMES.join(', ')}` }),
  label: z.string(),
  inputDims: z.union([z.literal(2), z.literal(3)], { error: 'expected 2 or 3 input dims' }),
  samplesPerPixel: param('count', { positive: true }),
  marchRoundsPerFrame: param('count', { positive: true }),
  gridBytesPerParam: param('bytes', { positive: true }),
  activationBytes: param('bytes', { positive: true }),
  inputBytesPerQuery: param('bytes', { min: 0 }),
  outputBytesPerQuery: param('bytes', { min: 0 }),
  /**
   * Distance between consecutive queries of a thread block, in unit-cube (or uv) coordinates: a look-up whose
   * cell the previous query already touched hits in L1. `displayWidth`: the spacing is given in display pixels.
   */
  lookupCoherence: z.strictObject({
    spacing: param('count', { positive: true }),
    relativeTo: z.enum(['unit', 'displayWidth'], { error: 'expected "unit" or "displayWidth"' }),
  }),
  encodingAluOps: z.strictObject({
    perLevel: count(),
    perCorner: count(),
    perHashedCorner: count(),
  }),
  encodings: z.strictObject({
    hashgrid: appEncodingSchema,
    densegrid: appEncodingSchema,
    'lowres-densegrid': appEncodingSchema,
  }),
  mlps: z.array(mlpSchema).min(1),
  rest: z.array(restKernelSchema).min(1),
});
export type AppConfig = z.output<typeof appConfigSchema>;

const cache = new Map<string, AppConfig>();

/** Loads an app preset by name (cached), or an input error naming the allowed apps. */
export function loadApp(name: string, flag = 'app'): AppConfig {
  const hit = cache.get(name);
  if (hit) return hit;
  const names = appPresetNames();
  if (!names.includes(name)) {
    throw new NgpcInputError(
      `--${flag} ${JSON.stringify(name)}: unknown app; expected one of ${names.join(', ')}`,
    );
  }
  const cfg = loadConfig(configPath('apps', `${name}.json`), appConfigSchema);
  cache.set(name, cfg);
  return cfg;
}

/** Names of the app presets in configs/apps/, sorted. */
export function appPresetNames(): string[] {
  return readdirSync(configPath('apps'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Checks an encoding name, naming the allowed ones. */
export function checkEncodingName(name: string, flag = 'encoding'): EncodingName {
  if (!(ENCODING_NAMES as readonly string[]).includes(name)) {
    throw new NgpcInputError(
      `--${flag} ${JSON.stringify(name)}: unknown encoding; expected one of ${ENCODING_NAMES.join(', ')}`,
    );
  }
  return name as EncodingName;
}
