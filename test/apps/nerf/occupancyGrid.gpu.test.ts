// The occupancy-grid update on WebGPU against the CPU reference: exact (max and one f32 multiply per cell).
import { describe, expect, it } from 'vitest';
import { updateDensityGridGpu } from '../../../src/apps/nerf/occupancyGrid.gpu.ts';
import {
  buildBitfield,
  cellsPerCascade,
  gridUpdateSamples,
  updateDensityGrid,
} from '../../../src/apps/nerf/occupancyGrid.ts';
import { seededRng } from '../../../src/encoding/rng.ts';
import { gpu, requireGpu } from '../../helpers/gpu.ts';

describe.skipIf(!gpu)('occupancy grid update (GPU)', () => {
  it('splats, merges with decay and thresholds exactly as the CPU reference', async () => {
    const ctx = requireGpu();
    const spec = { gridRes: 16, nCascades: 2 };
    const n = cellsPerCascade(spec) * 2;
    const rng = seededRng(5);
    const grid = Float32Array.from({ length: n }, () => (rng.next() < 0.1 ? -1 : rng.uniform(0, 0.02)));
    const { cells } = gridUpdateSamples(spec, grid, 3000, 7, rng);
    const thickness = Float32Array.from({ length: cells.length }, () => rng.uniform(-0.01, 0.05));
    const want = updateDensityGrid(grid, cells, thickness);
    const got = await updateDensityGridGpu(ctx, grid, cells, thickness, 0.01);
    expect(Array.from(got.grid)).toEqual(Array.from(want));
    // Cascade 0 bits: the CPU bitfield before its max-pool of cascade 1 (which only adds bits to cascade 1).
    const cpuBits = buildBitfield({ gridRes: 16, nCascades: 1 }, want.subarray(0, n / 2), 0.01);
    expect(Array.from(got.bits.subarray(0, cpuBits.length))).toEqual(Array.from(cpuBits));
  });
});
