import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giaGridSpec, giaMlpSpec } from '../../src/apps/gia/giaConfig.ts';
import { nvrSampler, nvrTarget, trainNvrApp } from '../../src/apps/nvr/nvrApp.ts';
import { nvrAdamSpec, nvrGridSpec, nvrMlpSpec } from '../../src/apps/nvr/nvrConfig.ts';
import { marchVolume, NVR_RENDER_DEFAULTS } from '../../src/apps/nvr/nvrRender.ts';
import { parseProceduralVolume, proceduralVolume, sampleVolume } from '../../src/apps/nvr/volume.ts';
import { fitField } from '../../src/apps/shared/fieldFit.ts';
import { cpuFieldQuery, gpuFieldQuery } from '../../src/apps/shared/fieldQuery.ts';
import { DEFAULT_ORBIT_CAMERA, parseOrbitCamera } from '../../src/apps/shared/orbitCamera.ts';
import { writeModelFile } from '../../src/train/modelFile.ts';
import { cli, cliOnModel } from '../helpers/cli.ts';
import { seededFieldModel, seededFieldParams } from '../helpers/fieldModel.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';

const dir = mkdtempSync(join(tmpdir(), 'ngpc-nvr-'));

describe('NVR volumes and cameras', () => {
  it('parses NAME:SIZE and names the choices otherwise', () => {
    expect(parseProceduralVolume('cloud:32')).toEqual({ name: 'cloud', sizeVoxels: 32 });
    expect(() => parseProceduralVolume('smoke:32')).toThrow(/NAME one of cloud/);
    expect(() => parseOrbitCamera('10')).toThrow(/azimuthDeg,elevationDeg/);
    expect(parseOrbitCamera('10,20').distance).toBe(DEFAULT_ORBIT_CAMERA.distance);
  });

  it('the cloud is deterministic, in [0,1], and trilinear lookup returns voxel values at voxel centres', () => {
    const v = proceduralVolume('cloud', 16);
    expect(v.density).toEqual(proceduralVolume('cloud', 16).density);
    expect(v.density.every((d) => d >= 0 && d <= 1)).toBe(true);
    expect(v.density.some((d) => d > 0.3)).toBe(true);
    const i = 5 + 16 * (7 + 16 * 9);
    const got = sampleVolume(v, Float32Array.from([5.5 / 16, 7.5 / 16, 9.5 / 16]));
    expect(got[3]).toBeCloseTo(v.density[i]!, 5);
    expect(got[0]).toBeCloseTo(v.albedo[3 * i]!, 5);
  });
});

describe('ngpc train/render --app nvr: bad input', () => {
  it('a missing raw file, a raw file without --dims or of the wrong size exits 2 without a model', async () => {
    const out = join(dir, 'bad.ngpc');
    const missing = await cli(
      'train',
      '--app',
      'nvr',
      '--volume',
      join(dir, 'none.raw'),
      '--dims',
      '4x4x4',
      '--out',
      out,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.raw: cannot read volume \(ENOENT\)/);
    writeFileSync(join(dir, 'short.raw'), new Uint8Array(10));
    const noDims = await cli('train', '--app', 'nvr', '--volume', join(dir, 'short.raw'), '--out', out);
    expect(noDims.code).toBe(2);
    expect(noDims.stderr).toMatch(/needs its size as XxYxZ/);
    const short = await cli(
      'train',
      '--app',
      'nvr',
      '--volume',
      join(dir, 'short.raw'),
      '--dims',
      '4x4x4',
      '--out',
      out,
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/10 bytes, but --dims 4x4x4 needs 64/);
    expect(existsSync(out)).toBe(false);
  });

  it('a model of another app or a zero resolution exits 2 without writing the PNG', async () => {
    const gridSpec = giaGridSpec(16, 16, 8);
    const mlpSpec = giaMlpSpec(32);
    const giaModel = join(dir, 'gia.ngpc');
    writeModelFile(giaModel, gridSpec, mlpSpec, seededFieldParams(gridSpec, mlpSpec), {
      app: 'gia',
      nDims: 2,
      optimizer: {},
      loss: 'L2',
      training: {},
      scene: {},
      metrics: {},
      weights: 'master',
    });
    const run = { app: 'nvr', model: giaModel, resolution: '8x8', out: join(dir, 'never.png') };
    const wrong = await cliOnModel('render', run, '--cpu');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/model is a gia model; --app nvr needs an NVR model/);
    const zero = await cliOnModel('render', { ...run, resolution: '0x8' });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--resolution "0x8"/);
    const camera = await cliOnModel('render', run, '--camera', '1,95');
    expect(camera.code).toBe(2);
    expect(existsSync(run.out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.ngpc-tmp'))).toEqual([]);
  });
});

describe.skipIf(!gpu)('NVR on the GPU', () => {
  it('a GPU ray-marched render matches the CPU reference render (1e-3 absolute: f32 vs f64 field)', async () => {
    const model = seededFieldModel('nvr', nvrGridSpec(16, 12), nvrMlpSpec(32));
    const settings = { ...NVR_RENDER_DEFAULTS, stepsPerUnit: 32 };
    const field = gpuFieldQuery(requireGpu(), model);
    try {
      const got = await marchVolume(field.query, DEFAULT_ORBIT_CAMERA, 12, 10, settings);
      const want = await marchVolume(cpuFieldQuery(model), DEFAULT_ORBIT_CAMERA, 12, 10, settings);
      let worst = 0;
      for (let i = 0; i < got.image.rgb.length; i++)
        worst = Math.max(worst, Math.abs(got.image.rgb[i]! - want.image.rgb[i]!));
      expect(worst).toBeLessThan(1e-3);
      expect(got.samplesPerPixel.some((s) => s > 0)).toBe(true);
    } finally {
      field.destroy();
    }
  });

  it('training on a tiny volume lowers the L2 loss', async () => {
    const volume = proceduralVolume('cloud', 16);
    const gridSpec = nvrGridSpec(16, 12);
    const { lossCurve } = await fitField(requireGpu(), {
      gridSpec,
      mlpSpec: nvrMlpSpec(32),
      adam: nvrAdamSpec(),
      loss: 'L2',
      steps: 30,
      batchSize: 2048,
      seed: 1,
      sampler: nvrSampler(volume),
      reportEvery: 5,
    });
    expect(lossCurve.at(-1)![1]).toBeLessThan(0.5 * lossCurve[0]![1]);
  });
});

describe.skipIf(!gpu)('ngpc render / profile --app nvr (tiny model)', () => {
  it('renders with a PSNR vs the ground truth and writes a measured workload', async () => {
    const model = join(dir, 'tiny.ngpc');
    const summary = await trainNvrApp(requireGpu(), nvrTarget('cloud:8', undefined), {
      steps: 3,
      batchSize: 256,
      seed: 1,
      out: model,
      date: '2026-11-29',
      evalSizePx: 6,
    });
    // Three steps: a blurry cloud (17 dB seen). Under 8 dB the render is wrong almost everywhere; over 35 dB would
    // be a fit no 3-step model reaches.
    expect(summary.viewPsnrDb).toBeGreaterThan(8);
    expect(summary.viewPsnrDb).toBeLessThan(35);
    const png = join(dir, 'tiny.png');
    const tiny = { app: 'nvr', model, resolution: '8x6' };
    const r = await cliOnModel('render', { ...tiny, out: png }, '--json');
    expect(r.code).toBe(0);
    // Same model, another view and size (18 dB seen): the same bounds.
    const psnrDb = JSON.parse(r.stdout).psnrDb;
    expect(psnrDb).toBeGreaterThan(8);
    expect(psnrDb).toBeLessThan(35);
    expect(existsSync(png)).toBe(true);
    const p = await cliOnModel('profile', { ...tiny, out: join(dir, 'nvr.json') }, '--json');
    expect(p.code).toBe(0);
    const w = JSON.parse(p.stdout);
    expect(w.samplesPerPixel.source).toMatch(/^measured: .*, 2026-11-29$/);
    // The busiest pixel takes at least the mean and at least its 99th percentile (174 vs mean 54 seen).
    expect(w.queriesPerPixel.max).toBeGreaterThanOrEqual(w.samplesPerPixel.value);
    expect(w.queriesPerPixel.max).toBeGreaterThanOrEqual(w.queriesPerPixel.p99);
  });
});
