import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designPointSchema } from '../../src/config/point.ts';
import { evaluatePoint } from '../../src/model/frame/designPoint.ts';
import { cli } from '../helpers/cli.ts';

describe('ngpc simulate', () => {
  it('--json has the documented shape', async () => {
    const r = await cli(
      'simulate',
      '--gpu',
      'rtx3090',
      '--nfps',
      '16',
      '--app',
      'nerf',
      '--encoding',
      'hashgrid',
      '--json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.point).toMatchObject({
      gpu: 'rtx3090',
      app: 'nerf',
      encoding: 'hashgrid',
      ngpc: 'ngpc-16',
      nfps: 16,
    });
    // The CLI prints what the library computes for the same point (the values themselves are the model tests' job).
    const lib = evaluatePoint(
      designPointSchema.parse({
        gpu: 'rtx3090',
        app: 'nerf',
        encoding: 'hashgrid',
        ngpc: 'ngpc-16',
        nfps: 16,
      }),
    );
    expect(j.baseline.frameSeconds).toBe(lib.baseline.frameSeconds);
    const shares = j.baseline.kernels.reduce((s: number, k: { share: number }) => s + k.share, 0);
    expect(shares).toBeCloseTo(1, 9);
    expect(j.ngpc.engines.map((e: { name: string }) => e.name)).toContain('mlp');
    for (const e of j.ngpc.engines)
      expect(Object.keys(e).sort()).toEqual(['cycles', 'limiter', 'name', 'utilization']);
    expect(Object.keys(j.fps).sort()).toEqual(['1080p', '4k', '8k']);
    expect(j.speedup).toBeCloseTo(j.baseline.frameSeconds / j.frameSeconds, 9);
    expect(j.frameSeconds).toBe(lib.frame!.frameSeconds);
    expect(j.memoryBandwidthGBs).toBeCloseTo(lib.frame!.dramBytesPerFrame / lib.frame!.frameSeconds / 1e9, 9);
    expect(j.areaOverhead).toBe(lib.frame!.areaOverhead);
    expect(j.powerOverhead).toBe(lib.frame!.powerOverhead);
    // NGPC-16 is a few percent of the RTX 3090's die and board power (paper §4: NGPC-8 +4.52 % area, +2.75 % power,
    // linear in NFPs, so ~9 % and ~5.5 %); the model's estimate may miss that by a factor of a few (the issue notes
    // 62–74 %), never by an order of magnitude.
    expect(j.areaOverhead).toBeGreaterThan(0.005);
    expect(j.areaOverhead).toBeLessThan(0.5);
    expect(j.powerOverhead).toBeGreaterThan(0.005);
    expect(j.powerOverhead).toBeLessThan(0.5);
    expect(j.energyPerFrameJ.ngpc).toBeLessThan(j.energyPerFrameJ.baseline);
    // Per-kernel (GPU alone) and per-component (with NGPC) breakdowns sum to the totals.
    const sum = (xs: { totalJ?: number; joules?: number }[]) =>
      xs.reduce((s, x) => s + (x.totalJ ?? x.joules ?? 0), 0);
    expect(sum(j.energyBreakdown.baseline)).toBeCloseTo(j.energyPerFrameJ.baseline, 6);
    expect(sum(j.energyBreakdown.ngpc)).toBeCloseTo(j.energyPerFrameJ.ngpc, 6);
    expect(j.energyBreakdown.ngpc.map((c: { name: string }) => c.name)).toContain('ngpc:grid-sram');
  });

  it('prints a readable report', async () => {
    const r = await cli('simulate', '--app', 'gia', '--nfps', '8', '--resolution', '4k');
    expect(r.code).toBe(0);
    for (const text of ['baseline GPU', 'NGPC', 'speedup', 'gap', '4K@60', 'overhead', 'energy'])
      expect(r.stdout).toContain(text);
  });

  it('--ngpc none is the GPU alone; a non-preset NFP count overrides a preset', async () => {
    const alone = JSON.parse((await cli('simulate', '--app', 'nvr', '--ngpc', 'none', '--json')).stdout);
    expect(alone.ngpc).toBeNull();
    expect(alone.speedup).toBe(1);
    const twelve = JSON.parse((await cli('simulate', '--app', 'nvr', '--nfps', '12', '--json')).stdout);
    expect(twelve.ngpc.nfps).toBe(12);
  });

  it('--config file, with flags overriding it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-sim-'));
    const file = join(dir, 'point.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, gpu: 'a100', app: 'nsdf', encoding: 'densegrid', ngpc: 'ngpc-32' }),
    );
    const j = JSON.parse((await cli('simulate', '--config', file, '--resolution', '8k', '--json')).stdout);
    expect(j.point).toMatchObject({
      gpu: 'a100',
      app: 'nsdf',
      encoding: 'densegrid',
      resolution: '8k',
      ngpc: 'ngpc-32',
    });
    writeFileSync(
      file,
      JSON.stringify({ version: 1, gpu: 'a100', app: 'nsdf', encoding: 'densegrid', nfpz: 3 }),
    );
    const bad = await cli('simulate', '--config', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${file}: $.nfpz: unknown key`);
  });

  it('bad input exits 2 naming the flag and the allowed values', async () => {
    const zero = await cli('simulate', '--app', 'nerf', '--nfps', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--nfps 0: expected a positive whole number/);
    const gpu = await cli('simulate', '--app', 'nerf', '--gpu', 'rtx9090');
    expect(gpu.code).toBe(2);
    expect(gpu.stderr).toMatch(
      /--gpu "rtx9090": unknown GPU; expected one of a100, h100, h200, rtx3090, rtx4090/,
    );
    const app = await cli('simulate', '--app', 'nerd');
    expect(app.code).toBe(2);
    expect(app.stderr).toMatch(/--app "nerd": unknown app; expected one of gia, nerf, nsdf, nvr/);
    const enc = await cli('simulate', '--app', 'nerf', '--encoding', 'hash');
    expect(enc.stderr).toMatch(/expected one of hashgrid, densegrid, lowres-densegrid/);
    const res = await cli('simulate', '--app', 'nerf', '--resolution', '16k');
    expect(res.code).toBe(2);
    const ngpc = await cli('simulate', '--app', 'nerf', '--ngpc', 'ngpc-7');
    expect(ngpc.stderr).toMatch(/expected one of none, ngpc-16/);
  });
});
