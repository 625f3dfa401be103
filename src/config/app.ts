// Application presets (configs/apps/*.json): encodings in tiny-cuda-nn keys, MLP shapes and per-frame work.
import { z } from 'zod';
import { OptionError, verbatim } from '../errors.ts';
import { loadConfig } from './load.ts';
import { doc, param, source, version } from './schema.ts';
import { configPath, configStore } from './store.ts';

/** The encodings every app is modelled with (docs/sources.md#paper-1): names used on the CLI and in sweeps. */
export const ENCODING_NAMES = ['hashgrid', 'densegrid', 'lowres-densegrid'] as const;
export type EncodingName = (typeof ENCODING_NAMES)[number];

export const APP_NAMES = ['nerf', 'nsdf', 'gia', 'nvr'] as const;
export type AppName = (typeof APP_NAMES)[number];

const count = (opts: { min?: number; positive?: boolean } = { min: 0 }) => param('count', opts);

const appEncodingSchema = z.strictObject({
  source,
  /** tiny-cuda-nn grid-encoding JSON (HashGrid / DenseGrid / TiledGrid keys, docs/sources.md#kernels-1-1). */
  tcnn: doc(
    z.record(z.string(), z.unknown()),
    'tiny-cuda-nn grid-encoding JSON (HashGrid / DenseGrid / TiledGrid keys)',
  ),
  /** instant-ngp's `desired_resolution` when per_level_scale is derived from it (docs/sources.md#kernels-2-2). */
  desiredResolution: doc(
    param('count', { positive: true }).optional(),
    "instant-ngp's desired finest resolution, from which per_level_scale is derived when absent",
  ),
});

const mlpSchema = z.strictObject({
  name: doc(z.string().min(1), 'name of this network or kernel'),
  source,
  /** "encoding" = the grid's L·F outputs (padded to 16, as tcnn does); or a fixed width. */
  inputDims: doc(
    z.union([z.literal('encoding'), z.number().int().positive()], {
      error: 'expected "encoding" or a positive integer',
    }),
    'network input width: "encoding" (the grid output padded to 16) or a number',
  ),
  width: doc(z.number().int().positive(), 'hidden width (16, 32, 64 or 128)'),
  hiddenLayers: doc(
    z.number().int().min(1, { error: 'expected at least 1 hidden layer' }),
    'hidden layers (≥ 1)',
  ),
  outputDims: doc(z.number().int().positive(), 'outputs the app uses'),
  outputDimsPadded: doc(z.number().int().positive(), 'outputs computed (padded to 16 as tcnn does)'),
});

/** A "rest" kernel's work as per-pixel and per-sample counts; one `source` covers its numbers. */
const restKernelSchema = z.strictObject({
  name: doc(z.string().min(1), 'name of this network or kernel'),
  source,
  aluOpsPerPixel: doc(z.number().min(0).default(0), 'ALU operations per pixel'),
  aluOpsPerSample: doc(z.number().min(0).default(0), 'ALU operations per sample (query)'),
  dramBytesPerPixel: doc(z.number().min(0).default(0), 'DRAM bytes per pixel'),
  dramBytesPerSample: doc(z.number().min(0).default(0), 'DRAM bytes per sample (query)'),
  launchesPerFrame: doc(z.number().int().min(0).default(0), 'kernel launches per frame'),
  launchesPerRound: doc(z.number().int().min(0).default(0), 'kernel launches per marching round'),
});

export const appConfigSchema = z.strictObject({
  version,
  otype: doc(
    z.literal('NeuralGraphicsApp', { error: 'expected "NeuralGraphicsApp"' }),
    'component type: "NeuralGraphicsApp"',
  ),
  name: doc(
    z.enum(APP_NAMES, { error: `expected one of ${APP_NAMES.join(', ')}` }),
    'name of this network or kernel',
  ),
  label: doc(z.string(), 'long name for reports'),
  inputDims: doc(
    z.union([z.literal(2), z.literal(3)], { error: 'expected 2 or 3 input dims' }),
    'network input width: "encoding" (the grid output padded to 16) or a number',
  ),
  samplesPerPixel: doc(
    param('count', { positive: true }),
    'encoding + MLP queries per pixel (marched samples, tracing steps or 1)',
  ),
  marchRoundsPerFrame: doc(
    param('count', { positive: true }),
    'marching rounds per frame (launch count of the per-round kernels)',
  ),
  gridBytesPerParam: doc(param('bytes', { positive: true }), 'bytes per grid parameter (2 for fp16)'),
  activationBytes: doc(param('bytes', { positive: true }), 'bytes per activation / feature value'),
  inputBytesPerQuery: doc(param('bytes', { min: 0 }), 'input bytes per query (positions, directions)'),
  outputBytesPerQuery: doc(param('bytes', { min: 0 }), 'output bytes per query'),
  /**
   * Distance between consecutive queries of a thread block, in unit-cube (or uv) coordinates: a look-up whose
   * cell the previous query already touched hits in L1. `displayWidth`: the spacing is given in display pixels.
   */
  lookupCoherence: z.strictObject({
    spacing: doc(
      param('count', { positive: true }),
      'distance between consecutive queries of a thread block',
    ),
    relativeTo: doc(
      z.enum(['unit', 'displayWidth'], { error: 'expected "unit" or "displayWidth"' }),
      '"unit": spacing in unit-cube units; "displayWidth": in display pixels',
    ),
  }),
  encodingAluOps: z.strictObject({
    perLevel: doc(count(), 'ALU operations per level per query'),
    perCorner: doc(count(), 'ALU operations per corner'),
    perHashedCorner: doc(count(), 'extra ALU operations per hashed corner'),
  }),
  encodings: z.strictObject({
    hashgrid: appEncodingSchema,
    densegrid: appEncodingSchema,
    'lowres-densegrid': appEncodingSchema,
  }),
  mlps: doc(z.array(mlpSchema).min(1), 'networks evaluated per query, in order'),
  rest: doc(z.array(restKernelSchema).min(1), 'the remaining (non-encoding, non-MLP) kernels of a frame'),
});
export type AppConfig = z.output<typeof appConfigSchema>;

const cache = new Map<string, AppConfig>();

/** Loads an app preset by name (cached), or an input error naming the allowed apps. */
export function loadApp(name: string, option = 'app'): AppConfig {
  const hit = cache.get(name);
  if (hit) return hit;
  const names = appPresetNames();
  if (!names.includes(name)) {
    throw new OptionError(
      option,
      verbatim(JSON.stringify(name)),
      `unknown app; expected one of ${names.join(', ')}`,
    );
  }
  const cfg = loadConfig(configPath('apps', `${name}.json`), appConfigSchema);
  cache.set(name, cfg);
  return cfg;
}

/** Names of the app presets in configs/apps/, sorted. */
export function appPresetNames(): string[] {
  return configStore()
    .list('apps')
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Checks an encoding name, naming the allowed ones. */
export function checkEncodingName(name: string, option = 'encoding'): EncodingName {
  if (!(ENCODING_NAMES as readonly string[]).includes(name)) {
    throw new OptionError(
      option,
      verbatim(JSON.stringify(name)),
      `unknown encoding; expected one of ${ENCODING_NAMES.join(', ')}`,
    );
  }
  return name as EncodingName;
}
