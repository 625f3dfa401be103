// `ngpc bench apps`: NeRF fused vs unfused in one run, its flags, and recording the factor beside the paper's.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measuredFusionEntry, writeMeasuredFusion } from '../../../src/apps/nerf/measuredFusion.ts';
import type { NerfFusionBenchResult } from '../../../src/apps/nerf/nerfFusionBench.ts';
import { configPath } from '../../../src/config/paths.ts';
import { cli } from '../../helpers/cli.ts';
import { gpu } from '../../helpers/gpu.ts';

const fake = {
  adapter: 'llvmpipe: test',
  software: true,
  widthPx: 16,
  heightPx: 16,
  scene: 'blocks',
  samplesPerPixel: 20,
  unfusedRounds: 9,
  unfusedRestReplayS: 0.05,
  fusedRestS: 0.01,
  frameSpeedup: 0.5,
  restFusionSpeedup: 5.123456,
} as NerfFusionBenchResult;

describe('bench apps', () => {
  it('lists the suite and its flags in --help; a bad resolution exits 2', async () => {
    const help = await cli('bench', '--help');
    expect(help.stdout).toMatch(/apps/);
    expect(help.stdout).toMatch(/--write/);
    const bad = await cli('bench', 'apps', '--resolution', '0x5');
    expect(bad.code).toBe(2);
    const big = await cli('bench', 'apps', '--resolution', '4k');
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/at most 512x512/);
  });

  it('records the measurement beside the paper value, leaving the rest of the file and the model value alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-fusion-'));
    try {
      const file = join(dir, 'pipeline.json');
      copyFileSync(configPath('frame', 'pipeline.json'), file);
      const before = JSON.parse(readFileSync(file, 'utf8'));
      writeMeasuredFusion(file, fake);
      writeMeasuredFusion(file, { ...fake, restFusionSpeedup: 6 }); // replaces, does not duplicate
      const after = JSON.parse(readFileSync(file, 'utf8'));
      expect(after.restFusionSpeedup).toEqual(before.restFusionSpeedup);
      expect(after.frameRateTargets).toEqual(before.frameRateTargets);
      expect(after.measuredRestFusionSpeedup.value).toBe(6);
      expect(after.measuredRestFusionSpeedup.source).toMatch(/^measured: adapter llvmpipe: test/);
      expect(readFileSync(file, 'utf8').match(/measuredRestFusionSpeedup/g)?.length).toBe(1);
      expect(measuredFusionEntry(fake).value).toBe(5.123);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // A smoke test of the bench code at the smallest useful frame (the benchmark itself is `ngpc bench apps`).
  it.skipIf(!gpu)('measures fused and unfused on this adapter and prints the adapter', async () => {
    const r = await cli('bench', 'apps', '--resolution', '8x8', '--reps', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.wrote).toBeNull();
    expect(j.nerf.adapter).toBe(gpu!.adapterName);
    expect(j.nerf.psnrFusedVsUnfusedDb).toBeGreaterThanOrEqual(40);
    // Timings on one adapter: no ratio is meaningful as a value, but both sides replay the same samples, so neither
    // is 100× the other (an off-by-units or a missing await would be).
    expect(j.nerf.restFusionSpeedup).toBeGreaterThan(0.01);
    expect(j.nerf.restFusionSpeedup).toBeLessThan(100);
    expect(j.nerf.restFusionSpeedup).toBeCloseTo(j.nerf.unfusedRestReplayS / j.nerf.fusedRestS, 9);
    expect(j.nerf.restFusionSpeedupStagedEstimate).toBeGreaterThan(0.01);
    expect(j.nerf.restFusionSpeedupStagedEstimate).toBeLessThan(100);
    expect(j.nerf.psnrRestReplayVsUnfusedDb).toBeGreaterThanOrEqual(40);
    expect(j.nerf.samplesPerPixel).toBeGreaterThan(1);
  });
});
