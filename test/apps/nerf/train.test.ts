import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { giaGridSpec, giaMlpSpec } from '../../../src/apps/gia/giaConfig.ts';
import { generateSyntheticDataset } from '../../../src/apps/nerf/nerfDataset.ts';
import { nerfModelParams } from '../../../src/apps/nerf/nerfModelScene.ts';
import { initNerfParams } from '../../../src/apps/nerf/nerfNetwork.ts';
import { trainNerf } from '../../../src/apps/nerf/nerfTrain.ts';
import { syntheticScene } from '../../../src/apps/nerf/syntheticScene.ts';
import { loadMeasuredWorkload } from '../../../src/config/workload.ts';
import {
  decodeModelFile,
  encodeMultiModelFile,
  readModelFile,
  writeModelFile,
  writeMultiModelFile,
} from '../../../src/train/modelFile.ts';
import { cli, cliOnModel } from '../../helpers/cli.ts';
import { seededFieldParams } from '../../helpers/fieldModel.ts';
import { gpu, requireGpu } from '../../helpers/gpu.ts';
import { tinyNetwork } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'ngpc-nerf-train-'));
const network = tinyNetwork();
const params = initNerfParams(network, 5);
const info = {
  app: 'nerf',
  nDims: 3,
  optimizer: { otype: 'Adam' },
  loss: 'Huber',
  training: {
    occupancy: { gridRes: 16, nCascades: 1 },
    march: { stepSize: Math.sqrt(3) / 64, maxSamplesPerRay: 64, minTransmittance: 0.01 },
  },
  scene: {
    synthetic: 'blocks',
    cameraAngleX: 0.69,
    testPoses: [[1, 0, 0, 0, 0, 0, -1, -3, 0, 1, 0, 0.5, 0, 0, 0, 1]],
  },
  metrics: {},
  weights: 'master' as const,
};
const networks = [
  { name: 'density', spec: network.density, params: params.density },
  { name: 'color', spec: network.color, params: params.color },
];

describe('model files with several networks (format version 2)', () => {
  it('round-trips both networks and the grid bit for bit, in tcnn order', () => {
    const path = join(dir, 'nerf.ngpc');
    writeMultiModelFile(path, network.grid, networks, params.grid, info);
    const m = readModelFile(path);
    expect(m.header.version).toBe(2);
    expect(m.networks!.map((n) => n.name)).toEqual(['density', 'color']);
    expect(m.networks![0]!.spec).toEqual(network.density);
    expect(m.networks![1]!.spec).toEqual(network.color);
    expect(m.params.grid).toEqual(params.grid);
    const back = nerfModelParams(m);
    expect(back.params.density).toEqual(params.density);
    expect(back.params.color).toEqual(params.color);
    expect(m.params.mlp.length).toBe(params.density.length + params.color.length);
    // Single-network files are unchanged (version 1, one network named "network").
    const gia = giaGridSpec(16, 16, 8);
    const mlp = giaMlpSpec(16);
    const gpath = join(dir, 'gia.ngpc');
    writeModelFile(gpath, gia, mlp, seededFieldParams(gia, mlp), { ...info, app: 'gia', nDims: 2 });
    const g = readModelFile(gpath);
    expect(g.header.version).toBe(1);
    expect(g.networks!.map((n) => n.name)).toEqual(['network']);
    expect(() => nerfModelParams(g)).toThrow(/model is a gia model; app nerf needs a NeRF model/);
  });

  it('rejects wrong counts, missing network lists, repeated names and size mismatches with the file named', () => {
    const bytes = encodeMultiModelFile(network.grid, networks, params.grid, info);
    const view = new DataView(bytes.buffer);
    const headerBytes = view.getUint32(12, true);
    const header = JSON.parse(Buffer.from(bytes.subarray(16, 16 + headerBytes)).toString('utf8'));
    const reencode = (h: unknown) => {
      let text = JSON.stringify(h);
      while (Buffer.byteLength(text) % 4 !== 0) text += ' ';
      const json = Buffer.from(text);
      const out = new Uint8Array(16 + json.length + bytes.length - 16 - headerBytes);
      out.set(bytes.subarray(0, 16));
      new DataView(out.buffer).setUint32(12, json.length, true);
      out.set(json, 16);
      out.set(bytes.subarray(16 + headerBytes), 16 + json.length);
      return out;
    };
    expect(() => decodeModelFile(reencode({ ...header, networks: [] }), 'a.ngpc')).toThrow(
      /a\.ngpc: version 2 header lacks a non-empty "networks" list/,
    );
    expect(() =>
      decodeModelFile(reencode({ ...header, networks: [header.networks[0], header.networks[0]] }), 'b.ngpc'),
    ).toThrow(/b\.ngpc: networks\[1\]: expected a distinct string "name"/);
    expect(() =>
      decodeModelFile(reencode({ ...header, params: { ...header.params, networks: [1, 2] } }), 'c.ngpc'),
    ).toThrow(/c\.ngpc: header counts \[1,2\] network parameters/);
    expect(() => decodeModelFile(bytes.subarray(0, bytes.length - 8), 'd.ngpc')).toThrow(
      /d\.ngpc: .*truncated/,
    );
    const v3 = Uint8Array.from(bytes);
    new DataView(v3.buffer).setUint32(8, 3, true);
    expect(() => decodeModelFile(v3, 'e.ngpc')).toThrow(/e\.ngpc: model file format version 3/);
    expect(() =>
      encodeMultiModelFile(
        network.grid,
        [networks[0]!, { ...networks[1]!, name: 'density' }],
        params.grid,
        info,
      ),
    ).toThrow(/distinct names/);
    expect(() =>
      encodeMultiModelFile(
        network.grid,
        [{ ...networks[0]!, params: new Float32Array(3) }],
        params.grid,
        info,
      ),
    ).toThrow(/network "density": 3 parameters/);
  });
});

describe('ngpc render --app nerf: bad input exits 2 without writing the PNG', () => {
  const model = join(dir, 'cli.ngpc');
  writeMultiModelFile(model, network.grid, networks, params.grid, info);

  it('a wrong model file, a zero resolution and a bad camera', async () => {
    const out = join(dir, 'x.png');
    writeFileSync(join(dir, 'wrong.ngpc'), 'hello');
    const base = ['render', '--app', 'nerf', '--out', out];
    const wrong = await cli(...base, '--model', join(dir, 'wrong.ngpc'), '--resolution', '16x16');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/wrong\.ngpc: .*(too short|not an ngpc model file)/);
    const gia = await cli(...base, '--model', join(dir, 'gia.ngpc'), '--resolution', '16x16');
    expect(gia.code).toBe(2);
    expect(gia.stderr).toMatch(/gia model; --app nerf needs a NeRF model/);
    const zero = await cli(...base, '--model', model, '--resolution', '0x16');
    expect(zero.code).toBe(2);
    const index = await cli(...base, '--model', model, '--resolution', '16x16', '--camera', '7');
    expect(index.code).toBe(2);
    expect(index.stderr).toMatch(/--camera 7: the model records 1 held-out cameras/);
    const missing = await cli(
      ...base,
      '--model',
      model,
      '--resolution',
      '16x16',
      '--camera',
      join(dir, 'no.json'),
    );
    expect(missing.code).toBe(2);
    writeFileSync(
      join(dir, 'cam.json'),
      JSON.stringify({
        transform_matrix: [
          [1, 0, 0],
          [0, 1, 0],
        ],
      }),
    );
    const shape = await cli(
      ...base,
      '--model',
      model,
      '--resolution',
      '16x16',
      '--camera',
      join(dir, 'cam.json'),
    );
    expect(shape.code).toBe(2);
    expect(shape.stderr).toMatch(/transform_matrix: expected a 4x4 matrix/);
    const both = await cli(...base, '--model', model, '--resolution', '16x16', '--fused', '--unfused');
    expect(both.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(!gpu)('renders a model fused and unfused from a held-out index or a camera JSON', async () => {
    const out = join(dir, 'ok.png');
    const fused = await cliOnModel('render', { app: 'nerf', model, resolution: '12x10', out });
    expect(fused.stderr).toBe('');
    expect(fused.code).toBe(0);
    expect(fused.stdout).toMatch(/wrote .*ok\.png \(12x10, fused, .* PSNR .* dB vs the scene\)/);
    writeFileSync(
      join(dir, 'cam2.json'),
      JSON.stringify({
        transform_matrix: [
          [1, 0, 0, 0.1],
          [0, 0, -1, -3],
          [0, 1, 0, 0.4],
          [0, 0, 0, 1],
        ],
      }),
    );
    const out2 = join(dir, 'ok2.png');
    const run = { app: 'nerf', model, resolution: '8x8', out: out2 };
    const unfused = await cliOnModel(
      'render',
      run,
      '--unfused',
      '--camera',
      join(dir, 'cam2.json'),
      '--json',
    );
    expect(unfused.code).toBe(0);
    expect(JSON.parse(unfused.stdout).renderer).toBe('unfused');
    expect(existsSync(out2)).toBe(true);
  });

  const profileArgs = () => ['profile', '--app', 'nerf', '--model', model, '--date', '2026-11-29'];

  it.skipIf(!gpu)('profiles a model at several resolutions into a workload file', async () => {
    const out = join(dir, 'nerf.json');
    const r = await cli(
      ...profileArgs(),
      '--resolution',
      '8x8,12x12',
      '--march',
      'model',
      '--out',
      out,
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const w = JSON.parse(readFileSync(out, 'utf8'));
    expect(w.app).toBe('nerf');
    expect(w.samplesPerPixel.source).toMatch(/^measured: .*, 2026-11-29, march model; network evaluations/);
    expect(w.details.rows.map((row: { widthPx: number }) => row.widthPx)).toEqual([8, 12]);
    expect(w.resolution).toEqual({ widthPx: 12, heightPx: 12 });
    // The workload counts network evaluations: composited samples plus the padding of instant-ngp's rounds.
    for (const row of w.details.rows)
      expect(row.evaluatedSamplesPerRay).toBeGreaterThanOrEqual(row.meanSamplesPerRay);
    expect(w.samplesPerPixel.value).toBeCloseTo(w.details.rows[1].evaluatedSamplesPerRay, 12);
    expect(w.queriesPerFrame).toBe(Math.round(w.samplesPerPixel.value * 144));
    expect(() => loadMeasuredWorkload('nerf', out)).not.toThrow();
    // A held-out view the model does not record exits 2 and writes nothing. Checked with --march model: the CLI
    // builds the occupancy grid before it looks at --camera, and instant-ngp's 128³ grid costs ~18 s on lavapipe.
    const badView = await cli(
      ...profileArgs(),
      '--march',
      'model',
      '--camera',
      '99',
      '--out',
      join(dir, 'never.json'),
    );
    expect(badView.code).toBe(2);
    expect(badView.stderr).toMatch(/--camera 99: the model records 1 held-out cameras/);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it.skipIf(!gpu)(
    "profiles every held-out view with instant-ngp's march (128³ grid, step √3/1024)",
    async () => {
      const out = join(dir, 'nerf-ingp.json');
      const args = [...profileArgs(), '--resolution', '8x8'];
      const r = await cli(...args, '--camera', 'all', '--out', out, '--json');
      expect(r.code).toBe(0);
      const w = JSON.parse(readFileSync(out, 'utf8'));
      expect(w.details.marchMode).toBe('instant-ngp');
      expect(w.details.occupancy).toEqual({ gridRes: 128, nCascades: 1 });
      expect(w.details.march.stepSize).toBeCloseTo(Math.sqrt(3) / 1024, 9);
      const views = w.details.rows.map((row: { camera: string }) => row.camera);
      expect(views.length).toBeGreaterThanOrEqual(1);
      expect(views).toEqual(views.map((_: string, i: number) => String(i)));
      const mean =
        w.details.rows.reduce(
          (a: number, row: { evaluatedSamplesPerRay: number }) => a + row.evaluatedSamplesPerRay,
          0,
        ) / views.length;
      expect(w.samplesPerPixel.value).toBeCloseTo(mean, 12);
      expect(w.samplesPerPixel.source).toMatch(/march instant-ngp; .* mean of \d+ view\(s\) at 8x8$/);
    },
  );

  it('rejects an unknown --march and --march for other apps with exit 2', async () => {
    const bad = await cli('profile', '--app', 'nerf', '--model', model, '--march', 'fast');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--march.*fast.*model, instant-ngp/);
    const other = await cli('profile', '--app', 'gia', '--model', model, '--march', 'model');
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--march.*only --app nerf/);
  });
});

describe('ngpc train --app nerf: bad input exits 2 without writing a model', () => {
  it('an unknown scene, both or neither dataset flags, a bad sample count', async () => {
    const out = join(dir, 'never.ngpc');
    const base = ['train', '--app', 'nerf', '--out', out, '--steps', '1'];
    const unknown = await cli(...base, '--synthetic', 'nosuch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/nosuch/);
    const both = await cli(...base, '--synthetic', 'blocks', '--data', dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --synthetic NAME or --data DIR/);
    const samples = await cli(...base, '--synthetic', 'blocks:16', '--samples', '1000');
    expect(samples.code).toBe(2);
    expect(samples.stderr).toMatch(/--samples/);
    const data = await cli(...base, '--data', join(dir, 'no-such-dataset'));
    expect(data.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe.skipIf(!gpu)('NeRF training (GPU encoding and MLPs, CPU compositing)', () => {
  it('lowers the Huber loss on a tiny scene', async () => {
    const dataset = generateSyntheticDataset(syntheticScene('blocks'), {
      widthPx: 16,
      heightPx: 16,
      nTrain: 4,
      nVal: 0,
      nTest: 1,
      seed: 2,
    });
    const r = await trainNerf(requireGpu(), dataset, {
      steps: 80,
      batchSamples: 2048,
      seed: 1,
      grid: network.grid,
      occupancy: { gridRes: 16, nCascades: 1 },
      march: { stepSize: Math.sqrt(3) / 64, maxSamplesPerRay: 64, minTransmittance: 0.01 },
      occupancyEvery: 8,
      reportEvery: 5,
    });
    const losses = r.curve.map((c) => c[1]);
    expect(losses.every(Number.isFinite)).toBe(true);
    const first = (losses[0]! + losses[1]!) / 2;
    const last = (losses.at(-1)! + losses.at(-2)!) / 2;
    expect(last).toBeLessThan(0.6 * first);
    // Mean samples per ray of the last report (15–18 seen): the blocks fill much of the cube, so rays average more
    // than a few samples, and no ray takes more than maxSamplesPerRay = 64 (the march's cap).
    const samplesPerRay = r.curve.at(-1)![3];
    expect(samplesPerRay).toBeGreaterThanOrEqual(4);
    expect(samplesPerRay).toBeLessThanOrEqual(64);
  });
});
