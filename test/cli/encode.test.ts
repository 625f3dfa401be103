// `ngpc encode`: level table, CPU and GPU runs against the library, and exit 2 with clear messages on bad input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodingFromJson } from '../../src/encoding/encodingConfig.ts';
import { encodeGridCpu } from '../../src/encoding/gridEncoding.cpu.ts';
import { initGridParams } from '../../src/encoding/gridEncoding.ts';
import { type GridEncodingSpec, levelLayout } from '../../src/encoding/gridLayout.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import { encodeShCpu } from '../../src/encoding/sphericalHarmonics.cpu.ts';
import { readMatrix, writeMatrix } from '../../src/io/npy.ts';
import { cli } from '../helpers/cli.ts';
import { gpu } from '../helpers/gpu.ts';

const dir = mkdtempSync(join(tmpdir(), 'ngpc-encode-'));
const path = (name: string) => join(dir, name);
const hashJson = {
  otype: 'HashGrid',
  n_levels: 4,
  n_features_per_level: 2,
  log2_hashmap_size: 10,
  base_resolution: 4,
  per_level_scale: 2,
};
writeFileSync(path('hash.json'), JSON.stringify(hashJson));
writeFileSync(path('sh.json'), JSON.stringify({ otype: 'SphericalHarmonics', degree: 3 }));
writeFileSync(path('bad.json'), JSON.stringify({ otype: 'HashGrid', n_levels: 99 }));
const spec = encodingFromJson(hashJson, 3) as GridEncodingSpec;
const layout = levelLayout(spec);
const rng = seededRng(3);
const points = Float32Array.from({ length: 300 }, () => rng.next());
points.set([0, 0, 0, 1, 1, 1]);
writeMatrix(path('points.npy'), points, 100, 3);
writeMatrix(path('points.f32'), points, 100, 3);
writeMatrix(path('ragged.f32'), points.subarray(0, 7), 7, 1);

describe('ngpc encode', () => {
  it('prints the level table with --layout', async () => {
    const r = await cli('encode', '--encoding', path('hash.json'), '--dims', '3', '--layout');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/level\s+resolution\s+storage\s+entries\s+offset/);
    expect(r.stdout).toMatch(/^\s+0\s+4\s+dense\s+64\s+0$/m);
    expect(r.stdout).toMatch(/^\s+3\s+32\s+hashed\s+1024\s+/m);
    const j = await cli('encode', '--encoding', path('hash.json'), '--layout', '--json');
    expect(JSON.parse(j.stdout).nParams).toBe(layout.nParams);
  });

  it('encodes on the CPU with the seeded tcnn init, deterministic per seed', async () => {
    const r = await cli(
      'encode',
      '--encoding',
      path('hash.json'),
      '--points',
      path('points.npy'),
      '--out',
      path('a.npy'),
      '--cpu',
      '--seed',
      '7',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ nPoints: 100, outputWidth: 8, device: 'cpu reference' });
    const out = readMatrix(path('a.npy'));
    expect([out.rows, out.cols]).toEqual([100, 8]);
    const want = encodeGridCpu(layout, initGridParams(layout, seededRng(7)), points);
    expect(Array.from(out.data)).toEqual(Array.from(want));
    const params = initGridParams(layout, seededRng(7));
    for (const v of params) expect(Math.abs(v)).toBeLessThanOrEqual(1e-4);
  });

  it('reads --params (npy 2-D entries × F and raw f32) and raw f32 points', async () => {
    const params = Float32Array.from({ length: layout.nParams }, (_, i) => Math.sin(i));
    writeMatrix(path('params.npy'), params, layout.totalEntries, 2);
    writeMatrix(path('params.bin'), params, layout.totalEntries, 2);
    const want = Array.from(encodeGridCpu(layout, params, points));
    for (const p of ['params.npy', 'params.bin']) {
      const r = await cli(
        'encode',
        '--encoding',
        path('hash.json'),
        '--points',
        path('points.f32'),
        '--params',
        path(p),
        '--out',
        path('b.f32'),
        '--cpu',
      );
      expect(r.code, r.stderr).toBe(0);
      expect(Array.from(readMatrix(path('b.f32'), { cols: 8 }).data)).toEqual(want);
    }
  });

  it.skipIf(!gpu)('GPU and --cpu agree, for a grid and for spherical harmonics', async () => {
    const a = await cli(
      'encode',
      '--encoding',
      path('hash.json'),
      '--points',
      path('points.npy'),
      '--out',
      path('g.npy'),
      '--seed',
      '5',
      '--json',
    );
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).device).not.toBe('cpu reference');
    const want = encodeGridCpu(layout, initGridParams(layout, seededRng(5)), points);
    const got = readMatrix(path('g.npy')).data;
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-9);
    const s = await cli(
      'encode',
      '--encoding',
      path('sh.json'),
      '--points',
      path('points.npy'),
      '--out',
      path('s.npy'),
    );
    expect(s.code, s.stderr).toBe(0);
    const sh = readMatrix(path('s.npy'));
    expect(sh.cols).toBe(9);
    const shWant = encodeShCpu({ otype: 'SphericalHarmonics', degree: 3, nDims: 3 }, points);
    for (let i = 0; i < shWant.length; i++) expect(Math.abs(sh.data[i]! - shWant[i]!)).toBeLessThan(4e-6);
  });

  const bad: [string, string[], RegExp][] = [
    ['bad dims', ['--dims', '4', '--points', 'points.npy', '--out', 'x.npy'], /--dims 4: expected 2 or 3/],
    [
      'wrong point width',
      ['--dims', '2', '--points', 'points.npy', '--out', 'x.npy'],
      /--points .*points\.npy: has 3 columns, expected 2/,
    ],
    [
      'ragged raw points',
      ['--points', 'ragged.f32', '--out', 'x.npy'],
      /--points .*7 f32 values is not a whole number of rows of 3/,
    ],
    [
      'params size',
      ['--points', 'points.npy', '--params', 'points.npy', '--out', 'x.npy'],
      /--params .*has 300 values \(100 × 3\), expected \d+/,
    ],
    ['missing out', ['--points', 'points.npy'], /--out: expected an output file/],
    ['missing points', ['--out', 'x.npy'], /--points: expected a points file/],
    ['bad seed', ['--points', 'points.npy', '--out', 'x.npy', '--seed', '-1'], /--seed -1/],
    ['missing file', ['--points', 'nope.npy', '--out', 'x.npy'], /nope\.npy: cannot read/],
  ];
  for (const [name, args, pattern] of bad) {
    it(`exits 2 on ${name}`, async () => {
      const r = await cli(
        'encode',
        '--encoding',
        path('hash.json'),
        ...args.map((a) => (/\.(npy|f32)$/.test(a) ? path(a) : a)),
        '--cpu',
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
    });
  }

  it('exits 2 on points outside [0, 1] or non-finite, and on a bad encoding file', async () => {
    writeMatrix(path('out.npy'), Float32Array.from([0.5, 1.5, 0.2]), 1, 3);
    const r = await cli(
      'encode',
      '--encoding',
      path('hash.json'),
      '--points',
      path('out.npy'),
      '--out',
      path('x.npy'),
      '--cpu',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/value 1\.5 at row 0, column 1 is outside \[0, 1\]/);
    writeMatrix(path('nan.npy'), Float32Array.from([0.5, Number.NaN, 0.2]), 1, 3);
    const n = await cli(
      'encode',
      '--encoding',
      path('hash.json'),
      '--points',
      path('nan.npy'),
      '--out',
      path('x.npy'),
      '--cpu',
    );
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/not finite/);
    const b = await cli('encode', '--encoding', path('bad.json'), '--layout');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bad\.json: \$\.n_levels = 99: expected level count <= 32/);
  });

  it('--help shows an example', async () => {
    const r = await cli('encode', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\s+ngpc encode --encoding hashgrid\.json --dims 3/);
  });
});
