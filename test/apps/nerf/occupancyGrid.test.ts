// Occupancy grid: Morton order, cascades, the bitfield with max-pooling, the decayed-max update and its sample cells.
import { describe, expect, it } from 'vitest';
import {
  buildBitfield,
  cellIndexAt,
  cellsPerCascade,
  gridUpdateSamples,
  mipFromPos,
  morton3D,
  mortonToXyz,
  occupancyThreshold,
  occupiedAt,
  updateDensityGrid,
} from '../../../src/apps/nerf/occupancyGrid.ts';
import { seededRng } from '../../../src/encoding/rng.ts';

const spec = { gridRes: 16, nCascades: 3 };

describe('occupancy grid', () => {
  it('Morton codes interleave x, y, z bits and invert', () => {
    expect(morton3D(1, 0, 0)).toBe(1);
    expect(morton3D(0, 1, 0)).toBe(2);
    expect(morton3D(0, 0, 1)).toBe(4);
    expect(morton3D(127, 127, 127)).toBe(128 ** 3 - 1);
    for (const m of [0, 5, 1234, 2097151]) expect(morton3D(...mortonToXyz(m))).toBe(m);
  });

  it('picks the cascade from the distance to the centre (instant-ngp mip_from_pos)', () => {
    expect(mipFromPos([0.5, 0.5, 0.9], 7)).toBe(0); // 0.4 < 0.5
    expect(mipFromPos([0.5, 0.5, 1.2], 7)).toBe(1); // 0.7 in [0.5, 1)
    expect(mipFromPos([0.5, -1.0, 0.5], 7)).toBe(2); // 1.5 in [1, 2)
    expect(mipFromPos([0.5, -1.0, 0.5], 1)).toBe(1); // clamped
    expect(cellIndexAt(spec, [0.01, 0.01, 0.01], 0)).toBe(0);
    expect(cellIndexAt(spec, [1.2, 0.5, 0.5], 0)).toBe(-1);
    expect(cellIndexAt(spec, [1.2, 0.5, 0.5], 1)).toBeGreaterThanOrEqual(0);
  });

  it('thresholds the grid and max-pools each cascade into the centre of the next', () => {
    const n = cellsPerCascade(spec);
    const grid = new Float32Array(n * 3);
    grid[morton3D(3, 4, 5)] = 0.5; // cascade 0
    const bits = buildBitfield(spec, grid, occupancyThreshold(spec, grid));
    const centre = (x: number) => (x + 0.5) / 16;
    expect(occupiedAt(spec, bits, [centre(3), centre(4), centre(5)], 0)).toBe(true);
    expect(occupiedAt(spec, bits, [centre(4), centre(4), centre(5)], 0)).toBe(false);
    // Cascade 1 covers [−0.5, 1.5]: fine cell (3, 4, 5) lies in coarse cell (4 + 1, 4 + 2, 4 + 2).
    const count = (k: number) => {
      let c = 0;
      for (let i = k * n; i < (k + 1) * n; i++) c += (bits[i >>> 5]! >>> (i & 31)) & 1;
      return c;
    };
    expect([count(0), count(1), count(2)]).toEqual([1, 1, 1]);
    const coarse = n + morton3D(5, 6, 6);
    expect((bits[coarse >>> 5]! >>> (coarse & 31)) & 1).toBe(1);
    expect(occupiedAt(spec, bits, [centre(3), centre(4), centre(5)], 1)).toBe(true);
    expect(occupiedAt(spec, bits, [centre(3), centre(4), centre(5)], 2)).toBe(true);
  });

  it('updates as a decaying max and keeps masked cells', () => {
    const grid = Float32Array.from([0.5, -1, 0.2, 0]);
    const out = updateDensityGrid(
      grid,
      Uint32Array.from([2, 2, 1, 3]),
      Float32Array.from([0.1, 0.3, 9, 0.05]),
    );
    expect(Array.from(out)).toEqual([Math.fround(0.5 * 0.95), -1, Math.fround(0.3), Math.fround(0.05)]);
    expect(occupancyThreshold({ gridRes: 2, nCascades: 1 }, new Float32Array(8).fill(0.001))).toBeCloseTo(
      0.001,
      9,
    );
    expect(occupancyThreshold({ gridRes: 2, nCascades: 1 }, new Float32Array(8).fill(3))).toBe(0.01);
  });

  it('draws update samples inside their cells, skipping masked cells', () => {
    const n = cellsPerCascade(spec);
    const grid = new Float32Array(n * 3);
    for (let i = 0; i < n; i += 2) grid[i] = -1; // mask every other cell of cascade 0
    const { cells, positions } = gridUpdateSamples(spec, grid, 500, 3, seededRng(1));
    let masked = 0;
    for (let i = 0; i < cells.length; i++) {
      const level = Math.floor(cells[i]! / n);
      expect(cellIndexAt(spec, positions.subarray(3 * i, 3 * i + 3), level)).toBe(cells[i]! - level * n);
      if (grid[cells[i]!]! < -0.01) masked++;
    }
    expect(masked).toBeLessThan(5); // up to 10 retries find an unmasked cell almost always
  });
});
