// instant-ngp / tiny-cuda-nn model files: comments, `parent`, YAML, whole-model sections in encode, mlp and simulate.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripJsonComments } from '../../src/config/configText.ts';
import { mergePatch } from '../../src/config/extends.ts';
import { readJsonFile } from '../../src/config/load.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import { writeMatrix } from '../../src/io/npy.ts';
import { mlpSpecFromJson } from '../../src/mlp/mlpConfig.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import { pointFromFlags, simulateDesignPoint } from '../../src/model/frame/simulate.ts';
import { directionEncodingWidth, loadTcnnModel, readTcnnJson } from '../../src/workload/tcnnModel.ts';
import { cli } from '../helpers/cli.ts';

const FIX = 'test/fixtures/instant-ngp';
const dir = mkdtempSync(join(tmpdir(), 'ngpc-tcnn-'));
const tmp = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('config text', () => {
  it('blanks // and /* */ comments but not slashes inside strings, keeping positions', () => {
    const text = '{ "a": "http://x/*y*/", // c\n /* d\n e */ "b": 1 }';
    const out = stripJsonComments(text);
    expect(out.length).toBe(text.length);
    expect(JSON.parse(out)).toEqual({ a: 'http://x/*y*/', b: 1 });
  });

  it('reads JSON with comments and names the file on a syntax error', () => {
    expect(readJsonFile(tmp('c.json', '{ // x\n "a": 1 /* y */ }'))).toEqual({ a: 1 });
    expect(() => readJsonFile(tmp('bad.json', '{ // x\n "a": }'))).toThrow(/bad\.json: \$: invalid JSON/);
  });

  it('reads YAML by extension, and reports YAML syntax errors as such', () => {
    const file = tmp(
      'p.yaml',
      'version: 1\ngpu: rtx3090\napp: nerf # a comment\nencoding: hashgrid\nnfps: 16\n',
    );
    expect(readJsonFile(file)).toEqual({
      version: 1,
      gpu: 'rtx3090',
      app: 'nerf',
      encoding: 'hashgrid',
      nfps: 16,
    });
    const point = pointFromFlags({ config: file });
    expect(point.app).toBe('nerf');
    expect(() => readJsonFile(tmp('bad.yml', 'a: [1, 2\n'))).toThrow(/bad\.yml: \$: invalid YAML/);
  });
});

describe('parent resolution (instant-ngp merge_parent_network_config)', () => {
  it('merges a child over its parent, relative to the child file, dropping "parent"', () => {
    const { json, files } = readTcnnJson(`${FIX}/nerf/densegrid.json`);
    const j = json as Record<string, any>;
    expect(j.parent).toBeUndefined();
    expect(j.encoding).toEqual({
      otype: 'DenseGrid',
      n_levels: 8,
      n_features_per_level: 2,
      log2_hashmap_size: 19,
      base_resolution: 16,
      per_level_scale: 1.405,
    });
    expect(j.rgb_network.n_hidden_layers).toBe(2);
    expect(files).toEqual([`${FIX}/nerf/densegrid.json`, `${FIX}/nerf/base.json`]);
  });

  it('is recursive, and null deletes a key (RFC 7386 merge patch)', () => {
    const sub = join(dir, 'sub');
    tmp('root.json', '{"encoding": {"otype": "HashGrid", "n_levels": 4}, "loss": {"otype": "L2"}}');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'mid.json'), '{"parent": "../root.json", "encoding": {"n_levels": 6}}');
    writeFileSync(join(sub, 'leaf.json'), '{"parent": "mid.json", "loss": null}');
    const { json } = readTcnnJson(join(sub, 'leaf.json'));
    expect(json).toEqual({ encoding: { otype: 'HashGrid', n_levels: 6 } });
    expect(mergePatch({ a: [1, 2], b: { c: 1 } }, { a: [3], b: { d: 2 } })).toEqual({
      a: [3],
      b: { c: 1, d: 2 },
    });
  });

  it('reports a loop, a missing parent and a non-string parent with the file and $.parent', () => {
    tmp('a.json', '{"parent": "b.json"}');
    tmp('b.json', '{"parent": "a.json"}');
    expect(() => readTcnnJson(join(dir, 'a.json'))).toThrow(
      /b\.json: \$\.parent = "a\.json": parent chain loops/,
    );
    expect(() => readTcnnJson(tmp('m.json', '{"parent": "nope.json"}'))).toThrow(/nope\.json: cannot read/);
    expect(() => readTcnnJson(tmp('n.json', '{"parent": 3}'))).toThrow(
      /n\.json: \$\.parent = 3: expected the path/,
    );
  });
});

describe('whole-model files', () => {
  it('names the sections and lists the ignored training keys', () => {
    const m = loadTcnnModel(`${FIX}/nerf/base.json`);
    expect(m.ignored).toEqual(['loss', 'optimizer']);
    expect(m.rgbNetwork).toBeDefined();
    expect(() => loadTcnnModel(tmp('one.json', '{"otype": "HashGrid"}'))).toThrow(/expected a whole model/);
  });

  it('sizes a Composite of SphericalHarmonics + Identity direction encoding', () => {
    const { dir_encoding } = readTcnnJson(`${FIX}/nerf/base.json`).json as Record<string, unknown>;
    expect(directionEncodingWidth(dir_encoding, 3, 'f')).toBe(16);
    expect(directionEncodingWidth(dir_encoding, 5, 'f')).toBe(18); // two extra dims pass through Identity
    expect(() => directionEncodingWidth({ otype: 'Composite', nested: [{ otype: 'Frob' }] }, 3, 'f')).toThrow(
      /f: \$\.nested\[0\]\.otype = "Frob"/,
    );
  });

  it('ngpc encode takes the "encoding" of each model file, with a note on stderr', async () => {
    for (const [mode, dims, nLevels] of [
      ['nerf/base', 3, 16],
      ['nerf/densegrid', 3, 8],
      ['sdf/base', 3, 16],
      ['image/base', 2, 16],
      ['volume/base', 3, 16],
    ] as const) {
      const r = await cli(
        'encode',
        '--encoding',
        `${FIX}/${mode}.json`,
        '--dims',
        String(dims),
        '--layout',
        '--json',
      );
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.levels).toHaveLength(nLevels);
      expect(r.stderr).toMatch(/note: .*ignored "loss", "optimizer"/);
    }
  });

  it('ngpc encode names the file and the section path of a bad value', async () => {
    const bad = tmp('badenc.json', '{"encoding": {"otype": "HashGrid", "n_levels": 99}, "optimizer": {}}');
    const r = await cli('encode', '--encoding', bad, '--layout');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: $.encoding.n_levels = 99: expected level count <= 32`);
  });

  it('ngpc mlp takes "network" or --network-key rgb_network, widths implied by the model', async () => {
    const spec = mlpSpecFromJson(
      { otype: 'FullyFusedMLP', n_neurons: 64, n_hidden_layers: 2 },
      { nInputDims: 32, nOutputDims: 3 },
    );
    const layout = mlpLayout(spec);
    const rng = seededRng(3);
    writeMatrix(
      join(dir, 'x.npy'),
      Float32Array.from({ length: 4 * 32 }, () => rng.uniform(-1, 1)),
      4,
      32,
    );
    const w = initMlpParams(layout, 5);
    writeMatrix(join(dir, 'w.npy'), w, w.length, 1);
    const r = await cli(
      'mlp',
      '--network',
      `${FIX}/nerf/base.json`,
      '--network-key',
      'rgb_network',
      '--inputs',
      join(dir, 'x.npy'),
      '--weights',
      join(dir, 'w.npy'),
      '--out',
      join(dir, 'y.npy'),
      '--cpu',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      nInputDims: 32,
      nOutputDims: 3,
      nNeurons: 64,
      nHiddenLayers: 2,
    });
    const density = mlpLayout(
      mlpSpecFromJson(
        { otype: 'FullyFusedMLP', n_neurons: 64, n_hidden_layers: 1 },
        { nInputDims: 32, nOutputDims: 16 },
      ),
    );
    const wd = initMlpParams(density, 5);
    writeMatrix(join(dir, 'wd.npy'), wd, wd.length, 1);
    const d = await cli(
      'mlp',
      '--network',
      `${FIX}/nerf/base.json`,
      '--inputs',
      join(dir, 'x.npy'),
      '--weights',
      join(dir, 'wd.npy'),
      '--out',
      join(dir, 'yd.npy'),
      '--cpu',
      '--json',
    );
    expect(d.code, d.stderr).toBe(0);
    expect(JSON.parse(d.stdout)).toMatchObject({ nInputDims: 32, nOutputDims: 16, nHiddenLayers: 1 });
    const bad = await cli(
      'mlp',
      '--network',
      `${FIX}/sdf/base.json`,
      '--network-key',
      'rgb_network',
      '--inputs',
      'x',
      '--weights',
      'w',
      '--out',
      join(dir, 'z.npy'),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /sdf\/base\.json: \$\.rgb_network: missing; this model file has "encoding", "network"/,
    );
  });
});

describe('simulate --tcnn', () => {
  const frame = (flags: Parameters<typeof pointFromFlags>[0]) => simulateDesignPoint(pointFromFlags(flags));

  it("instant-ngp's own configs reproduce the app presets exactly", () => {
    for (const [app, mode] of [
      ['nerf', 'nerf/base'],
      ['nsdf', 'sdf/base'],
      ['gia', 'image/base'],
      ['nvr', 'volume/base'],
    ] as const) {
      const preset = frame({ app, encoding: 'hashgrid' });
      const tcnn = frame({ app, encoding: 'hashgrid', tcnn: `${FIX}/${mode}.json` });
      expect(tcnn.frameSeconds).toBe(preset.frameSeconds);
      expect(tcnn.tcnn?.ignored).toEqual(['loss', 'optimizer']);
    }
    const dense = frame({ app: 'nerf', encoding: 'hashgrid', tcnn: `${FIX}/nerf/densegrid.json` });
    expect(dense.frameSeconds).toBe(frame({ app: 'nerf', encoding: 'densegrid' }).frameSeconds);
  });

  it('models a different network: wider MLPs and SH degree change the work', () => {
    const big = tmp(
      'big.json',
      JSON.stringify({
        parent: relative(dir, join(process.cwd(), FIX, 'nerf/base.json')),
        network: { n_neurons: 128, n_hidden_layers: 3 },
        dir_encoding: {
          nested: [{ n_dims_to_encode: 3, otype: 'SphericalHarmonics', degree: 5 }, { otype: 'Identity' }],
        },
      }),
    );
    const r = frame({ app: 'nerf', encoding: 'hashgrid', tcnn: big });
    expect(r.tcnn?.networks).toEqual([
      { name: 'density', inputDims: 32, width: 128, hiddenLayers: 3, outputDims: 16 },
      { name: 'color', inputDims: 48, width: 64, hiddenLayers: 2, outputDims: 3 },
    ]);
    expect(r.frameSeconds).toBeGreaterThan(frame({ app: 'nerf', encoding: 'hashgrid' }).frameSeconds);
  });

  it('takes a tcnn key in a point file, and --tcnn on the command line', async () => {
    const point = tmp(
      'point.json',
      JSON.stringify({
        version: 1,
        gpu: 'rtx3090',
        app: 'nsdf',
        encoding: 'hashgrid',
        tcnn: `${FIX}/sdf/base.json`,
      }),
    );
    expect(pointFromFlags({ config: point }).tcnn).toBe(`${FIX}/sdf/base.json`);
    const r = await cli('simulate', '--app', 'nerf', '--tcnn', `${FIX}/nerf/densegrid.json`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('encoding DenseGrid L8 F2');
    expect(r.stdout).toContain('ignored: loss, optimizer');
  });

  it('sweeps over model files through the tcnn key', async () => {
    const sweep = tmp(
      'tcnn-sweep.json',
      JSON.stringify({
        version: 1,
        base: { gpu: 'rtx3090', app: 'nerf', encoding: 'hashgrid' },
        axes: { tcnn: [`${FIX}/nerf/base.json`, `${FIX}/nerf/densegrid.json`] },
      }),
    );
    const r = await cli('sweep', sweep, '--out', join(dir, 'sw'));
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'sw', 'points.csv'), 'utf8');
    expect(csv).toContain(`tcnn:${FIX}/nerf/densegrid.json`);
  });

  it('rejects a non-grid position encoding and a bad network with the file and section path', () => {
    const sh = tmp('sh.json', JSON.stringify({ encoding: { otype: 'Frequency' } }));
    expect(() => frame({ app: 'nerf', encoding: 'hashgrid', tcnn: sh })).toThrow(
      /sh\.json: \$\.encoding\.otype = "Frequency"/,
    );
    const net = tmp('net.json', JSON.stringify({ network: { otype: 'FullyFusedMLP', n_neurons: 48 } }));
    expect(() => frame({ app: 'nerf', encoding: 'hashgrid', tcnn: net })).toThrow(
      /net\.json: \$\.network\.n_neurons = 48/,
    );
  });
});
