// Encoding specs from tiny-cuda-nn JSON: zod schemas with tcnn defaults, the otype registry and named presets.
import { z } from 'zod';
import { parseConfig } from '../config/load.ts';
import { ConfigError, NgpcInputError } from '../errors.ts';
import {
  defaultDensePerLevelScale,
  type GridEncodingSpec,
  type GridType,
  type Interpolation,
  levelLayout,
  MAX_BASE,
} from './gridLayout.ts';

/** Spherical-harmonics direction encoding (tcnn `encodings/spherical_harmonics.h`): degree² outputs from 3 dims. */
export interface ShEncodingSpec {
  otype: 'SphericalHarmonics';
  /** Number of bands: degree 4 gives 16 outputs (tcnn counts bands, not the highest l). */
  degree: number;
  nDims: 3;
}

export type EncodingSpec = GridEncodingSpec | ShEncodingSpec;

/** Limits ngpc's kernels support (tcnn allows more levels and dims; see docs/sources.md#kernels-1-1). */
export const GRID_LIMITS = {
  maxLevels: 32,
  featuresPerLevel: [1, 2, 4, 8] as const,
  maxLog2HashmapSize: 24,
  dims: [2, 3] as const,
} as const;

/** SH degrees (bands) implemented by the CPU reference and the WGSL kernel (tcnn goes to 8; 5–8 not yet ported). */
export const SH_MAX_DEGREE = 4;

const GRID_OTYPES = ['HashGrid', 'Grid', 'DenseGrid', 'TiledGrid'] as const;
type GridOtype = (typeof GRID_OTYPES)[number];

/** Case-insensitive string enum that returns the canonical spelling (tcnn compares names case-insensitively). */
function caseless<const T extends readonly string[]>(values: T) {
  return z.string().transform((raw, ctx) => {
    const hit = values.find((v) => v.toLowerCase() === raw.toLowerCase());
    if (hit === undefined) {
      ctx.addIssue({ code: 'custom', input: raw, message: `expected one of ${values.join(', ')}` });
      return z.NEVER;
    }
    return hit as T[number];
  });
}

const int = (what: string, min: number, max: number) =>
  z
    .number({ error: `expected ${what}` })
    .int({ error: `expected an integer ${what}` })
    .min(min, { error: `expected ${what} >= ${min}` })
    .max(max, { error: `expected ${what} <= ${max}` });

/**
 * tcnn grid-encoding keys (docs/sources.md#kernels-1-1, tcnn grid.h `create_grid_encoding`). Defaults:
 * type from otype (Hash; Dense for DenseGrid; Tiled for TiledGrid), n_levels 16 (or n_features / F),
 * n_features_per_level 2, log2_hashmap_size 19, base_resolution 16, per_level_scale 2.0
 * (DenseGrid: finest level ≈ 256), interpolation Linear, hash CoherentPrime (the only one compiled in).
 */
export const gridEncodingJsonSchema = z
  .strictObject({
    otype: caseless(GRID_OTYPES),
    type: caseless(['Hash', 'Dense', 'Tiled'] as const).optional(),
    n_levels: int('level count', 1, GRID_LIMITS.maxLevels).optional(),
    n_features: int('feature count', 1, GRID_LIMITS.maxLevels * 8).optional(),
    n_features_per_level: z
      .union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)], { error: 'expected 1, 2, 4 or 8' })
      .default(2),
    log2_hashmap_size: int('log2 table size', 1, GRID_LIMITS.maxLog2HashmapSize).default(19),
    base_resolution: int('base resolution', 1, 1 << 20).default(16),
    per_level_scale: z
      .number({ error: 'expected a positive number' })
      .positive({ error: 'expected a positive number' })
      .max(1024, { error: 'expected per_level_scale <= 1024' })
      .optional(),
    interpolation: caseless(['Linear', 'Nearest', 'Smoothstep'] as const).default('Linear'),
    hash: caseless(['CoherentPrime'] as const).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.n_levels !== undefined && v.n_features !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['n_features'],
        message: 'give n_levels or n_features, not both',
      });
    }
    if (v.n_features !== undefined && v.n_features % v.n_features_per_level !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['n_features'],
        input: v.n_features,
        message: `expected a multiple of n_features_per_level (${v.n_features_per_level})`,
      });
    }
    if (v.n_features !== undefined && v.n_features / v.n_features_per_level > GRID_LIMITS.maxLevels) {
      ctx.addIssue({
        code: 'custom',
        path: ['n_features'],
        input: v.n_features,
        message: `expected at most ${GRID_LIMITS.maxLevels} levels`,
      });
    }
  });

/** tcnn SphericalHarmonics keys: `degree` (default 4) counts bands, giving degree² outputs. */
export const shEncodingJsonSchema = z.strictObject({
  otype: caseless(['SphericalHarmonics'] as const),
  degree: int('SH degree', 1, SH_MAX_DEGREE).default(4),
});

export type GridEncodingJson = z.input<typeof gridEncodingJsonSchema>;
export type ShEncodingJson = z.input<typeof shEncodingJsonSchema>;

function checkDims(nDims: number, allowed: readonly number[], what: string): void {
  if (!allowed.includes(nDims)) {
    throw new NgpcInputError(`${what}: ${nDims} input dims, expected ${allowed.join(' or ')}`);
  }
}

/** A grid spec from tcnn JSON for `nDims` input dims; throws ConfigError naming `file` and the JSON path. */
export function gridSpecFromJson(raw: unknown, nDims: number, file = 'encoding'): GridEncodingSpec {
  const v = parseConfig(raw, gridEncodingJsonSchema, file);
  checkDims(nDims, GRID_LIMITS.dims, `${file}: ${v.otype}`);
  const defaultType: GridType =
    v.otype === 'DenseGrid' ? 'Dense' : v.otype === 'TiledGrid' ? 'Tiled' : 'Hash';
  const type = v.type ?? defaultType;
  const nLevels = v.n_levels ?? (v.n_features !== undefined ? v.n_features / v.n_features_per_level : 16);
  const perLevelScale =
    v.per_level_scale ?? (type === 'Dense' ? defaultDensePerLevelScale(nLevels, v.base_resolution) : 2);
  const spec: GridEncodingSpec = {
    otype: v.otype as GridOtype,
    type,
    nDims,
    nLevels,
    nFeaturesPerLevel: v.n_features_per_level,
    log2HashmapSize: v.log2_hashmap_size,
    baseResolution: v.base_resolution,
    perLevelScale,
    interpolation: v.interpolation as Interpolation,
  };
  // tcnn's grid_index: a Dense level past MAX_BASE (1625 in 3-D) degenerates to index 0 (docs/sources.md#kernels-1-4).
  const worst = levelLayout(spec).levels.find((l) => l.resolution > (MAX_BASE[nDims] ?? 0));
  if (worst && type !== 'Hash') {
    throw new ConfigError(file, [
      {
        path: '$.per_level_scale',
        value: perLevelScale,
        message: `level ${worst.level} has ${worst.resolution} vertices per axis, too many for a ${type} grid`,
      },
    ]);
  }
  return spec;
}

/** An SH spec from tcnn JSON; SH encodes 3-D directions only. */
export function shSpecFromJson(raw: unknown, nDims: number, file = 'encoding'): ShEncodingSpec {
  const v = parseConfig(raw, shEncodingJsonSchema, file);
  checkDims(nDims, [3], `${file}: SphericalHarmonics`);
  return { otype: 'SphericalHarmonics', degree: v.degree, nDims: 3 };
}

/** tcnn JSON that rebuilds a spec (every key explicit). */
export function encodingToJson(spec: EncodingSpec): Record<string, unknown> {
  if (spec.otype === 'SphericalHarmonics') return { otype: spec.otype, degree: spec.degree };
  return {
    otype: spec.otype,
    type: spec.type,
    n_levels: spec.nLevels,
    n_features_per_level: spec.nFeaturesPerLevel,
    log2_hashmap_size: spec.log2HashmapSize,
    base_resolution: spec.baseResolution,
    per_level_scale: spec.perLevelScale,
    interpolation: spec.interpolation,
  };
}

/** Number of output features of an encoding (grid: L·F; SH: degree²). */
export function encodingOutputWidth(spec: EncodingSpec): number {
  return spec.otype === 'SphericalHarmonics'
    ? spec.degree * spec.degree
    : spec.nLevels * spec.nFeaturesPerLevel;
}

export type EncodingFactory = (raw: unknown, nDims: number, file: string) => EncodingSpec;

const registry = new Map<string, { name: string; create: EncodingFactory }>();

/** Registers an otype (case-insensitive); a second registration of the same name is a bug (as in tcnn). */
export function registerEncoding(name: string, create: EncodingFactory): void {
  const key = name.toLowerCase();
  if (registry.has(key)) throw new Error(`internal error: encoding otype ${name} registered twice`);
  registry.set(key, { name, create });
}

/** Registered otype names in registration order (tcnn `builtin_encodings`). */
export function builtinEncodings(): string[] {
  return [...registry.values()].map((e) => e.name);
}

for (const otype of GRID_OTYPES) registerEncoding(otype, gridSpecFromJson);
registerEncoding('SphericalHarmonics', shSpecFromJson);

/** Builds any registered encoding from tcnn JSON; `otype` is required and an unknown one is named. */
export function encodingFromJson(raw: unknown, nDims: number, file = 'encoding'): EncodingSpec {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [{ path: '$', value: raw, message: 'expected an object with an "otype"' }]);
  }
  const otype = (raw as Record<string, unknown>).otype;
  if (otype === undefined) {
    throw new ConfigError(file, [
      { path: '$.otype', message: `missing; expected one of ${builtinEncodings().join(', ')}` },
    ]);
  }
  const entry = typeof otype === 'string' ? registry.get(otype.toLowerCase()) : undefined;
  if (!entry) {
    throw new ConfigError(file, [
      {
        path: '$.otype',
        value: otype,
        message: `unknown encoding; expected one of ${builtinEncodings().join(', ')}`,
      },
    ]);
  }
  return entry.create(raw, nDims, file);
}

/** instant-ngp's per_level_scale rule (testbed.cu `reset_network`): b = exp(ln(desired/N_min)/(L−1)). */
export function instantNgpPerLevelScale(
  desiredResolution: number,
  baseResolution: number,
  nLevels: number,
): number {
  return Math.exp(Math.log(desiredResolution / baseResolution) / (nLevels - 1));
}

const NGP_2022_HASH = {
  otype: 'HashGrid',
  n_levels: 16,
  n_features_per_level: 2,
  log2_hashmap_size: 19,
  base_resolution: 16,
  // desired resolution 2048 with aabb_scale 1 (docs/sources.md#kernels-2-2): 1.38191…
  per_level_scale: instantNgpPerLevelScale(2048, 16, 16),
} as const;

/** A named encoding from instant-ngp's 2022 (paper-era `60dbb8e`) configs: tcnn JSON plus input dims. */
export interface EncodingPreset {
  nDims: number;
  json: Record<string, unknown>;
  /** Where it comes from. */
  source: string;
}

/** The 2022 app table of docs/sources.md#kernels-2-1 and the dense-grid variants of §1.8. */
export const ENCODING_PRESETS: Readonly<Record<string, EncodingPreset>> = {
  nerf: {
    nDims: 3,
    json: NGP_2022_HASH,
    source: 'instant-ngp 60dbb8e configs/nerf/base.json (docs/sources.md#kernels-2-1)',
  },
  nsdf: {
    nDims: 3,
    json: NGP_2022_HASH,
    source: 'instant-ngp configs/sdf/base.json (docs/sources.md#kernels-2-1)',
  },
  nvr: {
    nDims: 3,
    json: NGP_2022_HASH,
    source: 'instant-ngp configs/volume/base.json (docs/sources.md#kernels-2-1)',
  },
  gia: {
    nDims: 2,
    json: { ...NGP_2022_HASH, log2_hashmap_size: 24 },
    source:
      'instant-ngp configs/image/base.json, 4096-px image (docs/sources.md#kernels-2-1, docs/sources.md#kernels-2-3)',
  },
  denseGrid: {
    nDims: 3,
    json: {
      otype: 'DenseGrid',
      n_levels: 8,
      n_features_per_level: 2,
      base_resolution: 16,
      per_level_scale: 1.405,
    },
    source: 'instant-ngp configs/nerf/densegrid.json (docs/sources.md#kernels-1-8)',
  },
  tiledGrid: {
    nDims: 3,
    json: {
      otype: 'TiledGrid',
      n_levels: 2,
      n_features_per_level: 8,
      base_resolution: 128,
      per_level_scale: 1,
    },
    source: 'instant-ngp configs/nerf/densegrid_1res.json (docs/sources.md#kernels-1-8)',
  },
  sh: {
    nDims: 3,
    json: { otype: 'SphericalHarmonics', degree: 4 },
    source:
      'instant-ngp 60dbb8e NeRF direction encoding (docs/sources.md#kernels-2-1, docs/sources.md#kernels-4)',
  },
};

/** The spec of a named preset. */
export function encodingPreset(name: string): EncodingSpec {
  const preset = ENCODING_PRESETS[name];
  if (!preset) {
    throw new NgpcInputError(
      `encoding preset ${JSON.stringify(name)}: expected one of ${Object.keys(ENCODING_PRESETS).join(', ')}`,
    );
  }
  return encodingFromJson(preset.json, preset.nDims, `preset ${name}`);
}
