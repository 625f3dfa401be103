#!/usr/bin/env node
// GPU-vs-CPU agreement of the `ngpc encode` and `ngpc mlp` CLIs on one input set: runs each CLI on WebGPU
// and with --cpu, compares the output files, prints one JSON report on stdout. Exit 1 if any case fails.
// Used by scripts/device-check.sh; usage: node scripts/device-agree.mjs [log2 rows, default 17]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const lib = await import('../src/index.ts');
const ngpc = join(dirname(fileURLToPath(import.meta.url)), 'ngpc.mjs');
const n = 2 ** Number(process.argv[2] ?? 17);
const dir = mkdtempSync(join(tmpdir(), 'ngpc-agree-'));
const at = (name) => join(dir, name);
const rng = lib.seededRng(11);
const uniform = (len, lo = 0, hi = 1) => Float32Array.from({ length: len }, () => rng.uniform(lo, hi));

function run(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [ngpc, ...args], { encoding: 'utf8', env: process.env });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`ngpc ${args.join(' ')} -> exit ${r.status}\n${r.stderr}`);
  return s;
}

/** Max |a-b|, and ||a-b|| / ||b|| (2-norms). */
function compare(a, b) {
  let maxAbs = 0;
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    const d = a[i] - b[i];
    if (!Number.isFinite(a[i]))
      return { maxAbs: Number.POSITIVE_INFINITY, normwise: Number.POSITIVE_INFINITY };
    maxAbs = Math.max(maxAbs, Math.abs(d));
    num += d * d;
    den += b[i] * b[i];
  }
  return { maxAbs, normwise: Math.sqrt(num / (den || 1)) };
}

const cases = [];
function check(name, tool, common, gpuExtra, tol) {
  try {
    const cpuS = run([tool, ...common, '--out', at(`${name}-cpu.npy`), '--cpu']);
    const gpuS = run([tool, ...common, ...gpuExtra, '--out', at(`${name}-gpu.npy`)]);
    const got = lib.readMatrix(at(`${name}-gpu.npy`)).data;
    const want = lib.readMatrix(at(`${name}-cpu.npy`)).data;
    const e = got.length === want.length ? compare(got, want) : { maxAbs: NaN, normwise: NaN };
    cases.push({ name, rows: n, ...e, tolNormwise: tol, ok: e.normwise <= tol, cpuS, gpuS });
  } catch (err) {
    cases.push({ name, rows: n, ok: false, error: String(err.message ?? err).slice(0, 2000) });
  }
}

const hash = {
  otype: 'HashGrid',
  n_levels: 16,
  n_features_per_level: 2,
  log2_hashmap_size: 19,
  base_resolution: 16,
  per_level_scale: 1.5,
};
writeFileSync(at('hash.json'), JSON.stringify(hash));
writeFileSync(at('sh.json'), JSON.stringify({ otype: 'SphericalHarmonics', degree: 4 }));
lib.writeMatrix(at('p3.npy'), uniform(n * 3), n, 3);
check(
  'encode-hashgrid',
  'encode',
  ['--encoding', at('hash.json'), '--dims', '3', '--points', at('p3.npy')],
  [],
  1e-5,
);
check(
  'encode-sh4',
  'encode',
  ['--encoding', at('sh.json'), '--dims', '3', '--points', at('p3.npy')],
  [],
  1e-5,
);

const net = {
  otype: 'FullyFusedMLP',
  n_neurons: 64,
  n_hidden_layers: 1,
  activation: 'ReLU',
  output_activation: 'None',
};
writeFileSync(at('net.json'), JSON.stringify(net));
const layout = lib.mlpLayout(lib.mlpSpecFromJson(net, { nInputDims: 32, nOutputDims: 16 }));
const w = lib.initMlpParams(layout, 5);
lib.writeMatrix(at('w.npy'), w, w.length, 1);
lib.writeMatrix(at('x.npy'), uniform(n * 32, -1, 1), n, 32);
const mlpArgs = ['--network', at('net.json'), '--n-input-dims', '32', '--n-output-dims', '16'];
mlpArgs.push('--inputs', at('x.npy'), '--weights', at('w.npy'));
check('mlp-f32', 'mlp', mlpArgs, [], 1e-5);
check('mlp-f16', 'mlp', mlpArgs, ['--f16'], 1e-2);

const ok = cases.every((c) => c.ok);
process.stdout.write(`${JSON.stringify({ ok, cases }, null, 2)}\n`);
process.exitCode = ok ? 0 : 1;
