// LevelIndexer (grid_index with a level's constants hoisted, the NGPC model's inner loop) equals gridIndex.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type GridEncodingSpec,
  type GridType,
  gridIndex,
  LevelIndexer,
  type LevelInfo,
  levelLayout,
} from '../../src/encoding/gridLayout.ts';

const OTYPE = { Hash: 'HashGrid', Dense: 'DenseGrid', Tiled: 'TiledGrid' } as const;

function spec(
  type: GridType,
  nDims: number,
  baseResolution: number,
  perLevelScale: number,
): GridEncodingSpec {
  return {
    otype: OTYPE[type],
    type,
    nDims,
    nLevels: 8,
    nFeaturesPerLevel: 2,
    log2HashmapSize: 14,
    baseResolution,
    perLevelScale,
    interpolation: 'Linear',
  };
}

/** gridIndex of every corner of `cell`, as levelQueryWork computed it before LevelIndexer. */
function reference(type: GridType, level: LevelInfo, cell: number[], corners: number): number[] {
  return Array.from({ length: corners }, (_, k) =>
    gridIndex(
      type,
      level,
      cell.map((c, d) => c + ((k >> d) & 1)),
    ),
  );
}

describe('LevelIndexer', () => {
  it('equals gridIndex on every corner: hashed, dense, tiled and past-u32 levels, cells up to the u32 limit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<GridType>('Hash', 'Dense', 'Tiled'),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 64 }),
        fc.double({ min: 1, max: 40, noNaN: true }),
        fc.integer({ min: 0, max: 7 }),
        fc.array(fc.oneof(fc.nat(300), fc.constant(0xffffffff), fc.nat(0xffffffff)), {
          minLength: 4,
          maxLength: 4,
        }),
        (type, nDims, base, scale, levelIndex, cellCoords) => {
          const level = levelLayout(spec(type, nDims, base, scale)).levels[levelIndex]!;
          const cell = cellCoords.slice(0, nDims);
          const corners = 1 << nDims;
          const out = new Uint32Array(corners);
          new LevelIndexer(type, level, nDims).cornerIndices(cell, corners, out);
          expect([...out]).toEqual(reference(type, level, cell, corners));
        },
      ),
      { seed: 8, numRuns: 2000 },
    );
  });

  it('covers the three indexing modes it hoists (the property above reaches each)', () => {
    const hashed = levelLayout(spec('Hash', 3, 16, 2)).levels[7]!;
    const dense = levelLayout(spec('Dense', 3, 4, 1.2)).levels[0]!;
    const beyondU32 = levelLayout(spec('Dense', 4, 64, 40)).levels[7]!;
    expect(hashed.hashed).toBe(true);
    expect(dense.hashed).toBe(false);
    expect(beyondU32.resolution).toBeGreaterThan(0xff);
    const out = new Uint32Array(16);
    new LevelIndexer('Dense', beyondU32, 4).cornerIndices([5, 6, 7, 8], 16, out);
    expect([...out]).toEqual(reference('Dense', beyondU32, [5, 6, 7, 8], 16));
  });
});
