// `ngpc mlp`: CPU and GPU runs against the library, and exit 2 with messages naming the flag or file on bad input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/encoding/rng.ts';
import { readMatrix, writeMatrix } from '../../src/io/npy.ts';
import { mlpForwardCpu } from '../../src/mlp/mlp.cpu.ts';
import { mlpSpecFromJson } from '../../src/mlp/mlpConfig.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import { cli } from '../helpers/cli.ts';
import { gpu } from '../helpers/gpu.ts';

const dir = mkdtempSync(join(tmpdir(), 'ngpc-mlp-'));
const path = (name: string) => join(dir, name);
const network = {
  otype: 'FullyFusedMLP',
  n_neurons: 32,
  n_hidden_layers: 2,
  activation: 'ReLU',
  output_activation: 'Sigmoid',
};
writeFileSync(path('net.json'), JSON.stringify(network));
writeFileSync(path('bad.json'), JSON.stringify({ ...network, n_neurons: 48 }));
const layout = mlpLayout(mlpSpecFromJson(network, { nInputDims: 5, nOutputDims: 3 }));
const weights = initMlpParams(layout, 9);
const rng = seededRng(4);
const inputs = Float32Array.from({ length: 50 * 5 }, () => rng.uniform(-1, 1));
writeMatrix(path('x.npy'), inputs, 50, 5);
writeMatrix(path('x.f32'), inputs, 50, 5);
writeMatrix(path('w.npy'), weights, weights.length, 1);
writeMatrix(path('w.f32'), weights, weights.length, 1);
writeMatrix(path('short.npy'), weights.subarray(1), weights.length - 1, 1);
const withNan = inputs.slice();
withNan[7] = Number.NaN;
writeMatrix(path('nan.npy'), withNan, 50, 5);
const want = mlpForwardCpu(layout, weights, inputs).outputs;
const dimsFlags = ['--n-input-dims', '5', '--n-output-dims', '3'];

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('ngpc mlp', () => {
  it('shows an example in --help', async () => {
    const r = await cli('mlp', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ngpc mlp --network density.json');
  });

  it('evaluates on the CPU reference (.npy in, .npy out)', async () => {
    const r = await cli(
      'mlp',
      '--network',
      path('net.json'),
      ...dimsFlags,
      '--inputs',
      path('x.npy'),
      '--weights',
      path('w.npy'),
      '--out',
      path('y.npy'),
      '--cpu',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ nRows: 50, nOutputDims: 3, nParams: layout.nParams });
    const y = readMatrix(path('y.npy'));
    expect([y.rows, y.cols]).toEqual([50, 3]);
    expect(maxDiff(y.data, want)).toBeLessThan(1e-6);
  });

  it.skipIf(!gpu)('evaluates on the GPU (raw f32 in and out)', async () => {
    const r = await cli(
      'mlp',
      '--network',
      path('net.json'),
      ...dimsFlags,
      '--inputs',
      path('x.f32'),
      '--weights',
      path('w.f32'),
      '--out',
      path('y.f32'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/evaluated 50 rows → 50 × 3 outputs on .*f32/);
    expect(maxDiff(readMatrix(path('y.f32'), { cols: 3 }).data, want)).toBeLessThan(1e-5);
  });

  it.each([
    [['--weights', 'short.npy'], /--weights .*short\.npy: has \d+ values, expected \d+ \(tcnn layout/],
    [['--inputs', 'nan.npy'], /--inputs .*nan\.npy: value NaN at row 1, column 2 is not finite/],
    [['--n-input-dims', '4'], /--inputs .*x\.npy: has 5 columns, expected 4/],
    [['--network', 'bad.json'], /bad\.json: \$\.n_neurons = 48: expected one of 16, 32, 64, 128/],
    [['--n-output-dims', '0'], /--n-output-dims 0: expected a positive integer/],
  ])('exits 2 on bad input %j', async (override, message) => {
    const flags: Record<string, string> = {
      '--network': path('net.json'),
      '--n-input-dims': '5',
      '--n-output-dims': '3',
      '--inputs': path('x.npy'),
      '--weights': path('w.npy'),
      '--out': path('never.npy'),
    };
    const [flag, value] = override as [string, string];
    flags[flag] = value.includes('.') ? path(value) : value;
    const r = await cli('mlp', ...Object.entries(flags).flat(), '--cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
