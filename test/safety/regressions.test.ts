// Every case of issue 14 this branch covers, as a regression test: exit 2 with a message naming the file, JSON path
// or flag (most in-process through the library or the CLI boundary; a few as real subprocesses for exit codes).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGiaApp } from '../../src/apps/gia/giaApp.ts';
import { nerfModelSettings } from '../../src/apps/nerf/nerfModelScene.ts';
import { nvrRenderSettings } from '../../src/apps/nvr/nvrApp.ts';
import { encodingFromJson } from '../../src/encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../../src/encoding/gridLayout.ts';
import { NgpcInputError } from '../../src/errors.ts';
import { writeMatrix } from '../../src/io/npy.ts';
import { writeFileAtomic } from '../../src/io/write.ts';
import { mlpSpecFromJson } from '../../src/mlp/mlpConfig.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import { checkFiniteOutputs, forwardInSlices, mlpRowsPerSlice } from '../../src/mlp/mlpSlices.ts';
import { decodeModelFile, encodeModelFile } from '../../src/train/modelFile.ts';
import { cli } from '../helpers/cli.ts';
import { seededFieldParams } from '../helpers/fieldModel.ts';

const dir = mkdtempSync(join(tmpdir(), 'ngpc-safety-'));
const path = (name: string) => join(dir, name);
const enc = {
  otype: 'HashGrid',
  n_levels: 2,
  n_features_per_level: 2,
  log2_hashmap_size: 6,
  base_resolution: 4,
};
writeFileSync(path('enc.json'), JSON.stringify({ ...enc, per_level_scale: 2 }));
writeMatrix(
  path('p.npy'),
  Float32Array.from({ length: 12 }, (_, i) => i / 12),
  4,
  3,
);
const network = {
  otype: 'FullyFusedMLP',
  n_neurons: 16,
  n_hidden_layers: 1,
  activation: 'ReLU',
  output_activation: 'None',
};
writeFileSync(path('net.json'), JSON.stringify(network));
const layout = mlpLayout(mlpSpecFromJson(network, { nInputDims: 3, nOutputDims: 2 }));
writeMatrix(path('w.npy'), initMlpParams(layout, 1), layout.nParams, 1);
const nanWeights = initMlpParams(layout, 1);
nanWeights[5] = Number.NaN;
writeMatrix(path('nan.npy'), nanWeights, layout.nParams, 1);
writeFileSync(path('m.ngpc'), 'not really a model: the output check comes first');
mkdirSync(path('adir'));

const encode = (...out: string[]) =>
  cli('encode', '--encoding', path('enc.json'), '--points', path('p.npy'), '--cpu', '--out', ...out);
/** `ngpc mlp` on the test's network and points, CPU reference. */
const mlpArgv = (weights: string, out: string) => [
  'mlp',
  '--network',
  path('net.json'),
  '--n-input-dims',
  '3',
  '--n-output-dims',
  '2',
  '--inputs',
  path('p.npy'),
  '--weights',
  weights,
  '--out',
  out,
  '--cpu',
];
const mlp = (weights: string, out: string) => cli(...mlpArgv(weights, out));

describe('inputs are never overwritten; outputs are files', () => {
  it.each([
    [
      'encode --points p.npy --out p.npy',
      () => encode(path('p.npy')),
      /--out ".*p\.npy": is the same file as --points/,
    ],
    [
      'mlp --weights w.npy --out w.npy',
      () => mlp(path('w.npy'), path('w.npy')),
      /--out ".*w\.npy": is the same file as --weights/,
    ],
    [
      'render --model m.ngpc --out m.ngpc',
      () =>
        cli(
          'render',
          '--app',
          'gia',
          '--model',
          path('m.ngpc'),
          '--resolution',
          '4x4',
          '--out',
          path('m.ngpc'),
        ),
      /--out ".*m\.ngpc": is the same file as --model/,
    ],
    [
      'profile --model m.ngpc --out m.ngpc',
      () => cli('profile', '--app', 'gia', '--model', path('m.ngpc'), '--out', path('m.ngpc')),
      /is the same file as --model/,
    ],
    [
      'train --image a --out a',
      () => cli('train', '--app', 'gia', '--image', path('m.ngpc'), '--out', path('m.ngpc')),
      /is the same file as --image/,
    ],
    ['--out /dev/full', () => encode('/dev/full'), /--out "\/dev\/full": is not a regular file/],
    ['--out an existing folder', () => encode(path('adir')), /is a folder; expected an output file name/],
    ['--out ""', () => encode(''), /--out "": empty/],
    ['--out newdir/', () => encode(path('newdir/')), /names a folder/],
    ['--out afile/x.npy', () => encode(path('enc.json/x.npy')), /enc\.json" is not a folder/],
  ])('%s → exit 2', async (_name, run, message) => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('through a symlink too', async () => {
    symlinkSync(path('p.npy'), path('link.npy'));
    const r = await cli(
      'encode',
      '--encoding',
      path('enc.json'),
      '--points',
      path('link.npy'),
      '--cpu',
      '--out',
      path('p.npy'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/same file as --points/);
  });

  it('the atomic writer never replaces a non-regular file', () => {
    expect(() => writeFileAtomic('/dev/full', 'x')).toThrow(NgpcInputError);
    expect(() => writeFileAtomic(path('adir'), 'x')).toThrow(/is a folder/);
  });
});

describe('inputs are regular files below a size limit', () => {
  it.each([
    [
      'simulate --config /dev/zero',
      ['simulate', '--config', '/dev/zero'],
      /\/dev\/zero: is not a regular file/,
    ],
    [
      'encode --points /dev/zero',
      ['encode', '--encoding', path('enc.json'), '--points', '/dev/zero', '--out', path('o.npy')],
      /--points \/dev\/zero: is not a regular file/,
    ],
    [
      'mlp with NaN weights',
      mlpArgv(path('nan.npy'), path('o.npy')),
      /--weights .*nan\.npy: value NaN at row 5/,
    ],
  ])('%s → exit 2', async (_name, argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('values from a point file are blamed on the file', () => {
  const point = (name: string, extra: object, withVersion = true) => {
    const file = path(name);
    writeFileSync(
      file,
      JSON.stringify({
        ...(withVersion ? { version: 1 } : {}),
        gpu: 'rtx3090',
        app: 'nerf',
        encoding: 'hashgrid',
        ...extra,
      }),
    );
    return file;
  };
  it.each([
    [
      'nfps -4',
      point('nfps.json', { nfps: -4 }),
      /nfps\.json: \$\.nfps = -4: expected a positive whole number/,
    ],
    [
      'gpu rtx9999',
      point('gpu.json', { gpu: 'rtx9999' }),
      /gpu\.json: \$\.gpu = "rtx9999": unknown GPU; expected one of/,
    ],
    [
      'resolution 0x0',
      point('res.json', { resolution: '0x0' }),
      /res\.json: \$\.resolution = "0x0": expected 1080p/,
    ],
    ['no version', point('nover.json', {}, false), /nover\.json: \$\.version: missing; expected version 1/],
    [
      'createUnit in samplesPerPixel',
      point('spp.json', {
        samplesPerPixel: { value: '[createUnit("GB", "1 B", {override: true}), 32][2]', source: 'test' },
      }),
      /spp\.json: \$\.samplesPerPixel\.value = .*indexing is not allowed/,
    ],
    [
      'config() in samplesPerPixel',
      point('cfg.json', { samplesPerPixel: { value: 'config({number: "BigNumber"})', source: 'test' } }),
      /function "config" is not allowed/,
    ],
    [
      'zeros() in samplesPerPixel',
      point('zeros.json', { samplesPerPixel: { value: 'size(zeros(1e5, 1e5))[1] Hz', source: 'test' } }),
      /indexing is not allowed/,
    ],
  ])('%s → exit 2 naming the file and path', async (_name, file, message) => {
    const r = await cli('simulate', '--config', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^ngpc: --/);
  });

  it('a flag overriding the file is blamed on the flag', async () => {
    const r = await cli('simulate', '--config', point('ok.json', {}), '--gpu', 'rtx9999');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ngpc: --gpu "rtx9999": unknown GPU/);
  });
});

describe('targets', () => {
  it('a symlink loop, an empty folder and refreshHz 1e308 → exit 2', async () => {
    symlinkSync(path('loop-b'), path('loop-a'));
    symlinkSync(path('loop-a'), path('loop-b'));
    expect((await cli('targets', '--targets', path('loop-a'))).stderr).toMatch(
      /--targets ".*loop-a": cannot read \(ELOOP\)/,
    );
    mkdirSync(path('no-targets'));
    const empty = await cli('targets', '--targets', path('no-targets'));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no \*\.json target files/);
    const target = {
      version: 1,
      name: 'x',
      label: 'x',
      class: 'vr',
      views: { value: 2, source: 'test' },
      widthPx: { value: 100, source: 'test' },
      heightPx: { value: 100, source: 'test' },
      refreshHz: { value: 1e308, source: 'test' },
      powerBudgetW: { value: 5, source: 'test' },
    };
    writeFileSync(path('t.json'), JSON.stringify(target));
    const big = await cli('targets', '--targets', path('t.json'));
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/t\.json: \$\.refreshHz\.value = 1e\+308: expected a frequency <= 10000/);
    writeFileSync(path('t.json'), JSON.stringify({ ...target, views: { value: true, source: 'test' } }));
    expect((await cli('targets', '--targets', path('t.json'))).stderr).toMatch(
      /\$\.views\.value = true: expected number or string/,
    );
  });
});

describe('model headers are checked before any work', () => {
  const gridSpec = encodingFromJson({ ...enc, per_level_scale: 2 }, 2) as GridEncodingSpec;
  const mlpSpec = mlpSpecFromJson(network, { nInputDims: 4, nOutputDims: 3 });
  const params = seededFieldParams(gridSpec, mlpSpec);
  const info = {
    app: 'gia',
    nDims: 2,
    optimizer: {},
    loss: 'L2',
    training: {},
    scene: {},
    metrics: {},
    weights: 'ema' as const,
  };
  /** Model bytes whose header is edited by `edit` after encoding (what a hand-edited file holds). */
  const model = (edit: (h: Record<string, any>) => void, poison?: number) => {
    const bytes = encodeModelFile(gridSpec, mlpSpec, params, info);
    const view = new DataView(bytes.buffer);
    const n = view.getUint32(12, true);
    const header = JSON.parse(Buffer.from(bytes.subarray(16, 16 + n)).toString('utf8'));
    edit(header);
    let text = JSON.stringify(header);
    while (Buffer.byteLength(text) % 4 !== 0) text += ' ';
    const out = Buffer.concat([
      Buffer.from(bytes.subarray(0, 16)),
      Buffer.from(text),
      Buffer.from(bytes.subarray(16 + n)),
    ]);
    out.writeUInt32LE(Buffer.byteLength(text), 12);
    if (poison !== undefined) out.writeFloatLE(poison, 16 + Buffer.byteLength(text));
    return decodeModelFile(out, 'm.ngpc');
  };

  it.each([
    ['scene missing', (h: any) => delete h.scene, /m\.ngpc: \$\.scene: missing: expected an object/],
    ['training missing', (h: any) => delete h.training, /m\.ngpc: \$\.training: missing: expected an object/],
    ['nDims "3"', (h: any) => (h.nDims = '3'), /m\.ngpc: \$\.nDims = "3": expected an integer in \[2, 3\]/],
  ])('%s → NgpcInputError naming the file and path', (_name, edit, message) => {
    expect(() => model(edit)).toThrow(message);
  });

  it('NaN weights are refused, naming the file', () => {
    expect(() => model(() => {}, Number.NaN)).toThrow(
      /m\.ngpc: MLP parameter 0 is NaN: expected finite numbers/,
    );
  });

  it.each([
    [
      'NVR stepsPerUnit -1',
      (h: any) => (h.scene.render = { stepsPerUnit: -1 }),
      nvrRenderSettings,
      /\$\.scene\.render\.stepsPerUnit = -1: expected a number in \[1, 4096\]/,
    ],
    [
      'NeRF march.stepSize 1e-9',
      (h: any) => (h.training.march = { stepSize: 1e-9, maxSamplesPerRay: 128, minTransmittance: 0.01 }),
      nerfModelSettings,
      /\$\.training\.march\.stepSize = 1e-9/,
    ],
    [
      'NeRF maxSamplesPerRay 1e12',
      (h: any) => (h.training.march = { stepSize: 0.01, maxSamplesPerRay: 1e12, minTransmittance: 0.01 }),
      nerfModelSettings,
      /\$\.training\.march\.maxSamplesPerRay = 1000000000000: expected an integer in \[1, 4096\]/,
    ],
  ])('%s → exit 2 before rendering', (_name, edit, settings, message) => {
    const m = model(edit);
    expect(() => (settings as (m: unknown) => unknown)(m)).toThrow(NgpcInputError);
    expect(() => (settings as (m: unknown) => unknown)(m)).toThrow(message);
  });

  it('scene.image "/dev/zero" is refused fast, naming the header key', async () => {
    const m = model((h) => (h.scene = { image: '/dev/zero' }));
    const t0 = performance.now();
    await expect(renderGiaApp(null, m, { widthPx: 4, heightPx: 4, out: path('g.png') })).rejects.toThrow(
      /m\.ngpc: \$\.scene\.image = "\/dev\/zero": is not a regular file/,
    );
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('mlp: big inputs in slices, non-finite outputs named', () => {
  it('slices rows to fit one binding and joins them in order', async () => {
    expect(mlpRowsPerSlice(layout, 128 * 1024 * 1024)).toBe(2097152);
    const x = Float32Array.from({ length: 10 * 3 }, (_, i) => i);
    const y = await forwardInSlices(x, 3, 1, 4, async (s) =>
      Float32Array.from({ length: s.length / 3 }, (_, r) => s[3 * r]!),
    );
    expect([...y]).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
  });

  it('--f16 overflow to Inf/NaN is exit 2 naming --f16', () => {
    expect(() => checkFiniteOutputs(Float32Array.of(1, Number.POSITIVE_INFINITY), 2, 'f16')).toThrow(
      /^f16: output row 0, column 1 is Infinity: an activation overflowed f16/,
    );
    expect(() => checkFiniteOutputs(Float32Array.of(1, 2), 2, 'f16')).not.toThrow();
  });
});

describe('exit codes from a real process', () => {
  const ngpc = (...argv: string[]) =>
    spawnSync(process.execPath, ['scripts/ngpc.mjs', ...argv], { encoding: 'utf8', timeout: 60_000 });
  it('--out /dev/full, --config /dev/zero and a createUnit expression exit 2', () => {
    const full = ngpc(
      'encode',
      '--encoding',
      path('enc.json'),
      '--points',
      path('p.npy'),
      '--cpu',
      '--out',
      '/dev/full',
    );
    expect([full.status, full.stderr]).toEqual([2, expect.stringMatching(/not a regular file/)]);
    const zero = ngpc('simulate', '--config', '/dev/zero');
    expect([zero.status, zero.stderr]).toEqual([
      2,
      expect.stringMatching(/\/dev\/zero: is not a regular file/),
    ]);
    const spp = path('spp-sub.json');
    const value = '[createUnit("GB", "1 B", {override: true}), 32][2]';
    writeFileSync(
      spp,
      JSON.stringify({
        version: 1,
        gpu: 'rtx3090',
        app: 'nerf',
        encoding: 'hashgrid',
        samplesPerPixel: { value, source: 'test' },
      }),
    );
    const cu = ngpc('simulate', '--config', spp);
    expect([cu.status, cu.stderr]).toEqual([2, expect.stringMatching(/indexing is not allowed/)]);
  });
});
