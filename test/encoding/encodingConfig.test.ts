// tcnn JSON → encoding specs: defaults, limits, the otype registry, presets and their level tables.
import { describe, expect, it } from 'vitest';
import {
  builtinEncodings,
  ENCODING_PRESETS,
  encodingFromJson,
  encodingOutputWidth,
  encodingPreset,
  encodingToJson,
  registerEncoding,
} from '../../src/encoding/encodingConfig.ts';
import { type GridEncodingSpec, levelLayout } from '../../src/encoding/gridLayout.ts';
import { ConfigError, NgpcInputError } from '../../src/errors.ts';

/** A minimal valid JSON for each registered otype. */
function sampleJson(otype: string): Record<string, unknown> {
  return otype === 'SphericalHarmonics'
    ? { otype, degree: 3 }
    : { otype, n_levels: 4, log2_hashmap_size: 12 };
}

describe('encoding registry', () => {
  it('registers the tcnn grid aliases and SphericalHarmonics', () => {
    expect(builtinEncodings()).toEqual(['HashGrid', 'Grid', 'DenseGrid', 'TiledGrid', 'SphericalHarmonics']);
    expect(() => registerEncoding('hashgrid', () => encodingPreset('nerf'))).toThrow(/registered twice/);
  });

  for (const otype of builtinEncodings()) {
    it(`${otype}: builds from JSON case-insensitively, round-trips through toJSON, rejects unknown keys`, () => {
      const nDims = 3;
      const spec = encodingFromJson({ ...sampleJson(otype), otype: otype.toUpperCase() }, nDims, 'x.json');
      expect(spec.otype).toBe(otype);
      // Grids: 4 levels × 2 features (the default F); SH degree 3: 3² = 9 basis functions.
      expect(encodingOutputWidth(spec)).toBe(otype === 'SphericalHarmonics' ? 9 : 8);
      const again = encodingFromJson(encodingToJson(spec), nDims, 'x.json');
      expect(again).toEqual(spec);
      expect(() => encodingFromJson({ ...sampleJson(otype), bogus: 1 }, nDims, 'x.json')).toThrow(
        /x\.json: \$\.bogus: unknown key/,
      );
    });
  }

  it('requires otype and names an unknown one', () => {
    expect(() => encodingFromJson({ n_levels: 4 }, 3, 'e.json')).toThrow(
      /e\.json: \$\.otype: missing; expected one of HashGrid/,
    );
    expect(() => encodingFromJson({ otype: 'OneBlob' }, 3, 'e.json')).toThrow(
      /\$\.otype = "OneBlob": unknown encoding/,
    );
    expect(() => encodingFromJson([], 3, 'e.json')).toThrow(ConfigError);
  });
});

describe('grid JSON defaults and limits (docs/sources.md#kernels-1-1)', () => {
  it('fills tcnn defaults', () => {
    const hash = encodingFromJson({ otype: 'HashGrid' }, 3) as GridEncodingSpec;
    expect(hash).toMatchObject({
      type: 'Hash',
      nLevels: 16,
      nFeaturesPerLevel: 2,
      log2HashmapSize: 19,
      baseResolution: 16,
      perLevelScale: 2,
      interpolation: 'Linear',
    });
    const dense = encodingFromJson({ otype: 'DenseGrid', n_levels: 4 }, 3) as GridEncodingSpec;
    expect(dense.type).toBe('Dense');
    expect(dense.perLevelScale).toBeCloseTo(Math.exp(Math.log(256 / 16) / 3), 12);
    expect((encodingFromJson({ otype: 'TiledGrid', n_levels: 4 }, 2) as GridEncodingSpec).type).toBe('Tiled');
    expect(
      (encodingFromJson({ otype: 'Grid', type: 'dense', n_levels: 2 }, 2) as GridEncodingSpec).type,
    ).toBe('Dense');
    const byFeatures = encodingFromJson({ otype: 'HashGrid', n_features: 32, n_features_per_level: 4 }, 3);
    expect((byFeatures as GridEncodingSpec).nLevels).toBe(8);
  });

  const bad: [Record<string, unknown>, number, RegExp][] = [
    [{ otype: 'HashGrid', n_levels: 33 }, 3, /\$\.n_levels = 33: expected level count <= 32/],
    [
      { otype: 'HashGrid', n_features_per_level: 3 },
      3,
      /\$\.n_features_per_level = 3: expected 1, 2, 4 or 8/,
    ],
    [
      { otype: 'HashGrid', log2_hashmap_size: 25 },
      3,
      /\$\.log2_hashmap_size = 25: expected log2 table size <= 24/,
    ],
    [{ otype: 'HashGrid', n_levels: 4, n_features: 8 }, 3, /not both/],
    [{ otype: 'HashGrid', interpolation: 'Cubic' }, 3, /\$\.interpolation = "Cubic": expected one of Linear/],
    [{ otype: 'HashGrid', per_level_scale: -1 }, 3, /\$\.per_level_scale = -1/],
    [{ otype: 'HashGrid' }, 4, /4 input dims, expected 2 or 3/],
    [{ otype: 'SphericalHarmonics', degree: 5 }, 3, /\$\.degree = 5: expected SH degree <= 4/],
    [{ otype: 'SphericalHarmonics' }, 2, /expected 3/],
    [{ otype: 'DenseGrid', n_levels: 2, base_resolution: 2000 }, 3, /too many for a Dense grid/],
  ];
  for (const [json, nDims, pattern] of bad) {
    it(`rejects ${JSON.stringify(json)} in ${nDims}-D`, () => {
      let error: unknown;
      try {
        encodingFromJson(json, nDims, 'enc.json');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NgpcInputError);
      expect((error as Error).message).toMatch(/^enc\.json/);
      expect((error as Error).message).toMatch(pattern);
    });
  }
});

describe('level tables (tcnn tests/test_grid.cu, docs/sources.md#kernels-1-8, docs/sources.md#kernels-2-3)', () => {
  it("matches tcnn's own unit test: 3-D, base 32, log2T 16, F 2, L 20, b 1.5", () => {
    const spec = encodingFromJson(
      {
        otype: 'HashGrid',
        n_levels: 20,
        n_features_per_level: 2,
        log2_hashmap_size: 16,
        base_resolution: 32,
        per_level_scale: 1.5,
      },
      3,
    ) as GridEncodingSpec;
    const layout = levelLayout(spec);
    expect(layout.levels[0]).toMatchObject({ entries: 32_768, offset: 0, hashed: false });
    expect(layout.levels[1]).toMatchObject({ entries: 65_536, offset: 32_768, hashed: true });
    expect(layout.levels[2]!.offset).toBe(98_304);
    expect(layout.nParams).toBe(2_555_904);
  });

  it('reproduces the preset tables', () => {
    const entries = (name: string) => levelLayout(encodingPreset(name) as GridEncodingSpec).totalEntries;
    expect(entries('denseGrid')).toBe(8_156_024);
    expect(
      levelLayout(encodingPreset('denseGrid') as GridEncodingSpec).levels.map((l) => l.resolution),
    ).toEqual([16, 23, 32, 45, 63, 88, 124, 173]);
    expect(entries('nerf')).toBe(6_098_120);
    expect(entries('nsdf')).toBe(6_098_120);
    expect(entries('nvr')).toBe(6_098_120);
    expect(entries('gia')).toBe(8_812_520);
    const tiled = levelLayout(encodingPreset('tiledGrid') as GridEncodingSpec);
    expect(tiled.levels.map((l) => [l.resolution, l.entries])).toEqual([
      [128, 128 ** 3],
      [128, 128 ** 3],
    ]);
    expect(encodingPreset('sh')).toEqual({ otype: 'SphericalHarmonics', degree: 4, nDims: 3 });
    expect(Object.keys(ENCODING_PRESETS).length).toBe(7);
    expect(() => encodingPreset('nope')).toThrow(/expected one of nerf/);
  });
});
