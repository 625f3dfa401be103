// README.md's examples are tests: every `ngpc …` command it shows (code blocks and inline code) and every ```json
// example. PLANS below says how each README command becomes a concrete argv; a command the README gains fails
// until it is classified there. Outputs go to a temp folder: the run leaves the repository as it found it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { loadGpuFile } from '../../src/config/gpu.ts';
import { writeMatrix } from '../../src/io/npy.ts';
import { mlpSpecFromJson } from '../../src/mlp/mlpConfig.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';
import { cli } from '../helpers/cli.ts';
import { gpu } from '../helpers/gpu.ts';

const README = readFileSync('README.md', 'utf8');
const FENCE = /^```(\w*)\n([\s\S]*?)^```$/gm;
const TMP = mkdtempSync(join(tmpdir(), 'ngpc-readme-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** `ngpc …` commands in README order: lines of non-JSON code blocks (`npx` dropped) and inline code spans. */
function readmeCommands(text: string): string[] {
  const found: string[] = [];
  const add = (s: string) => {
    const m = /^\s*(?:npx )?(ngpc(?: .*)?)$/.exec(s.replace(/\\\|/g, '|').replace(/\s+/g, ' ').trim());
    if (m) found.push(m[1]!);
  };
  for (const [, lang, body] of text.matchAll(FENCE))
    if (lang !== 'json')
      for (const line of body!.split('\n'))
        for (const part of line.replace(/#.*/, '').split(/&&|;/)) add(part);
  for (const [, span] of text.replace(FENCE, '').matchAll(/`([^`]+)`/g)) add(span!);
  return [...new Set(found)];
}

const jsonExamples = [...README.matchAll(FENCE)].filter((m) => m[1] === 'json').map((m) => m[2]!);

/**
 * How a README command is made concrete. `run`: argv run in-process in README order (`TMP/` is the temp folder),
 * exit 0 unless `codes` allows more; 'as written' runs the README's words. `check`: argv not run (`why` says
 * why), only checked against the command's --help: every flag exists and every required flag is given.
 * `gpu`: run only where the tests have a WebGPU adapter, else only checked.
 */
interface Plan {
  run?: 'as written' | string[][];
  check?: 'as written' | string[][];
  why?: string;
  codes?: number[];
  gpu?: boolean;
}

const names = COMMANDS.map((c) => String(c.command).split(' ')[0]!);
const ENGINE = 'engine mlp --rows 64 --cols 64 --dataflow ws --gemm 1024x32x64 --gemm 1024x64x16'.split(' ');
const SWEEP = (k: string) => ['sweep', 'TMP/sweep.json', '--out', `TMP/shard${k}`, '--shard', `${k}/2`];
const ENCODE = [
  'encode',
  '--encoding',
  'TMP/enc.json',
  '--dims',
  '3',
  '--points',
  'TMP/p.npy',
  '--out',
  'TMP/f.npy',
];
const MLP = [
  'mlp',
  '--network',
  'TMP/net.json',
  '--inputs',
  'TMP/x.npy',
  '--weights',
  'TMP/w.npy',
  '--out',
  'TMP/y.npy',
];

const PLANS: Record<string, Plan> = {
  'ngpc tables': { run: [['tables', '--check']], why: 'plain `tables` rewrites results/' },
  'ngpc --help': { run: 'as written' },
  'ngpc <command> --help': { run: names.map((n) => [n, '--help']) },
  'ngpc simulate --gpu rtx3090 --nfps 16 --app nerf --encoding hashgrid --resolution 4k': {
    run: 'as written',
  },
  'ngpc solve --gpu rtx3090 --nfps 64 --app nerf --resolution 4k --fps 30 --vary clock': {
    run: 'as written',
  },
  'ngpc engine mlp --rows 64 --cols 64 --dataflow ws --gemm 1024x32x64 --gemm 1024x64x16 [--json]': {
    run: [ENGINE, [...ENGINE, '--json']],
  },
  'ngpc sweep <sweep.json> [--out dir] [--shard k/n] [--jobs auto|N] [--max-points N] [--profile name]': {
    // The README's sweep example (TMP/sweep.json), in two shards that the merge below joins.
    run: [
      [...SWEEP('1'), '--jobs', 'auto', '--max-points', '10', '--profile', 'first-principles'],
      [...SWEEP('2'), '--jobs', '1', '--max-points', '10', '--profile', 'first-principles'],
    ],
  },
  'ngpc merge <dirs…> --out dir [--json]': {
    run: [
      ['merge', 'TMP/shard1', 'TMP/shard2', '--out', 'TMP/merged'],
      ['merge', 'TMP/shard1', 'TMP/shard2', '--out', 'TMP/merged-json', '--json'],
    ],
  },
  'ngpc tables [--check]': {
    run: [
      ['tables', '--check'],
      ['tables', '--out', 'TMP/results'],
    ],
    why: 'written into TMP, not results/',
  },
  'ngpc solve': { run: [['solve', '--help']], why: 'named in prose, not a command line' },
  'ngpc explore [--port N]': {
    check: [['explore', '--port', '0']],
    why: 'serves until Ctrl-C (its --json line: test/cli/json.test.ts)',
  },
  'ngpc reproduce [--profile p] [--json]': {
    run: [['reproduce'], ['reproduce', '--profile', 'paper-fit', '--json']],
  },
  'ngpc fit [--write|--check]': {
    check: [
      ['fit', '--write'],
      ['fit', '--check'],
    ],
    why: '--check refits every hypothesis combination (~15 s of CPU); --write rewrites configs/calibration/',
  },
  'ngpc calibrate --gpu rtx3090 [--write]': {
    run: [['calibrate', '--gpu', 'rtx3090']],
    check: [['calibrate', '--gpu', 'rtx3090', '--write']],
    why: '--write rewrites configs/gpus/rtx3090.json',
  },
  'ngpc targets [--app nerf] [--json]': { run: [['targets'], ['targets', '--app', 'nerf', '--json']] },
  'ngpc bench model|cli|kernels|apps': {
    run: [['bench', 'model', '--json']],
    codes: [0, 1],
    check: [
      ['bench', 'cli'],
      ['bench', 'kernels'],
      ['bench', 'apps'],
    ],
    why: 'cli times the compiled CLI in fresh processes (~10 s, needs npm run build); kernels and apps time WebGPU kernels (minutes on a software adapter); model exits 1 below its speed target',
  },
  'ngpc encode --encoding enc.json --dims 3 --points p.npy --out f.npy [--cpu] [--layout]': {
    run: [
      [...ENCODE, '--cpu', '--layout'],
      [...ENCODE, '--cpu', '--json'],
    ],
    check: [ENCODE],
    why: 'WebGPU encoding is covered by test/encoding/*.gpu.test.ts; here the CPU reference on 5 points',
  },
  'ngpc mlp --network net.json --inputs x.npy --weights w.npy --out y.npy [--cpu] [--f16]': {
    run: [[...MLP, '--cpu']],
    check: [[...MLP, '--f16']],
    why: '--f16 is WebGPU only (test/mlp/*.gpu.test.ts); here the CPU reference on 4 rows',
  },
  'ngpc train --app gia --procedural pattern:1024 --out gia.ngpc': {
    check: 'as written',
    why: 'trains on WebGPU for minutes',
  },
  'ngpc render --app gia --model gia.ngpc --resolution 1024x1024 --out gia.png': {
    check: 'as written',
    why: 'needs the model `ngpc train` writes',
  },
  'ngpc profile --app gia --model gia.ngpc --resolution 1920x1080 --write': {
    check: 'as written',
    why: 'needs a trained model; --write rewrites configs/workloads/gia.json',
  },
  'ngpc doctor [--json]': {
    run: [['doctor'], ['doctor', '--json']],
    gpu: true,
    why: 'asks Dawn for an adapter: run where the GPU tests have one',
  },
  'ngpc schemas [--check]': {
    run: [
      ['schemas', '--check'],
      ['schemas', '--out', 'TMP/schema', '--json'],
    ],
    why: 'plain `schemas` rewrites configs/schema/',
  },
  'ngpc tables --check': { run: 'as written' },
  'ngpc explore': { check: [['explore']], why: 'serves until Ctrl-C' },
  'ngpc simulate': { run: [['simulate', '--app', 'gia']], why: 'named in prose; a point needs an app' },
  'ngpc simulate --json': {
    run: [['simulate', '--app', 'nerf', '--json']],
    why: 'named in prose; a point needs an app',
  },
  'ngpc simulate --config': {
    run: [['simulate', '--config', 'TMP/point.json']],
    why: "the README's point-file example",
  },
  'ngpc solve --vary': {
    run: [['solve', '--app', 'nerf', '--resolution', '4k', '--fps', '60', '--vary', 'clock,nfps']],
  },
  'ngpc train --app nerf --synthetic blocks:128 --steps 1000 --date 2026-11-29 --out blocks.ngpc': {
    check: 'as written',
    why: 'about 10 minutes of WebGPU training',
  },
  'ngpc render --app nerf --model blocks.ngpc --camera <i> --resolution 128x128 --out test<i>.png': {
    check: [
      [
        'render',
        '--app',
        'nerf',
        '--model',
        'blocks.ngpc',
        '--camera',
        '0',
        '--resolution',
        '128x128',
        '--out',
        'test0.png',
      ],
    ],
    why: 'needs the trained NeRF model',
  },
};

// Inputs the encode and mlp commands read: 5 points, a 2-level hash grid, a 16-neuron network on 4 rows.
writeFileSync(
  join(TMP, 'enc.json'),
  JSON.stringify({
    otype: 'HashGrid',
    n_levels: 2,
    n_features_per_level: 2,
    log2_hashmap_size: 8,
    base_resolution: 4,
    per_level_scale: 2,
  }),
);
writeMatrix(
  join(TMP, 'p.npy'),
  Float32Array.from({ length: 15 }, (_, i) => i / 15),
  5,
  3,
);
const network = {
  otype: 'FullyFusedMLP',
  n_neurons: 16,
  n_hidden_layers: 1,
  n_input_dims: 3,
  n_output_dims: 2,
};
writeFileSync(join(TMP, 'net.json'), JSON.stringify(network));
const weights = initMlpParams(mlpLayout(mlpSpecFromJson(network)), 1);
writeMatrix(join(TMP, 'w.npy'), weights, weights.length, 1);
writeMatrix(
  join(TMP, 'x.npy'),
  Float32Array.from({ length: 12 }, (_, i) => i / 12),
  4,
  3,
);

/** What a JSON example illustrates, recognised by its keys; `file` is where it is written in TMP for the commands. */
interface JsonKind {
  name: string;
  file?: string;
  matches: (v: Record<string, unknown>) => boolean;
  check: (v: Record<string, unknown>) => Promise<void>;
}

const RTX3090 = JSON.parse(readFileSync('configs/gpus/rtx3090.json', 'utf8')) as Record<string, unknown>;

const JSON_KINDS: JsonKind[] = [
  {
    name: 'GPU preset keys (laid over configs/gpus/rtx3090.json)',
    matches: (v) => !('version' in v) && Object.keys(v).every((k) => k in RTX3090),
    check: async (v) => {
      const file = join(TMP, 'gpu.json');
      writeFileSync(file, JSON.stringify({ ...RTX3090, ...v, $schema: undefined }));
      expect(() => loadGpuFile(file)).not.toThrow();
    },
  },
  {
    name: 'point file (ngpc simulate --config)',
    file: 'point.json',
    matches: (v) => 'version' in v && !('axes' in v),
    check: async (v) => {
      const r = await cli('simulate', '--config', join(TMP, 'point.json'), '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).point).toMatchObject(v);
    },
  },
  {
    name: 'sweep file (ngpc sweep)',
    file: 'sweep.json',
    matches: (v) => 'axes' in v,
    check: async (v) => {
      const r = await cli('sweep', join(TMP, 'sweep.json'), '--out', join(TMP, 'sweep-example'), '--json');
      expect(r.code, r.stderr).toBe(0);
      const points = Object.values(v.axes as Record<string, unknown[]>).reduce((n, a) => n * a.length, 1);
      expect(JSON.parse(r.stdout)).toMatchObject({ points, errors: 0 });
    },
  },
];

const kindOf = (v: Record<string, unknown>) => JSON_KINDS.find((k) => k.matches(v));
for (const text of jsonExamples) {
  const v = JSON.parse(text);
  const file = kindOf(v)?.file;
  if (file) writeFileSync(join(TMP, file), text);
}

describe('README JSON examples', () => {
  it('has some', () => expect(jsonExamples.length).toBeGreaterThan(0));
  it.each(jsonExamples)('%s', async (text) => {
    const v = JSON.parse(text) as Record<string, unknown>;
    const kind = kindOf(v);
    expect(kind, 'a JSON example of no known kind: add it to JSON_KINDS').toBeDefined();
    await kind!.check(v);
  });
});

const commands = readmeCommands(README);
const asWritten = (cmd: string) => [cmd.split(' ').slice(1)];
const concrete = (argv: string[]) => argv.map((a) => a.replace(/^TMP\//, `${TMP}/`));

/** Option blocks of a command's help: flag name → whether it is [required] (the tag may wrap to the next line). */
async function helpFlags(command: string): Promise<Map<string, boolean>> {
  const { stdout } = await cli(command, '--help');
  const flags = new Map<string, boolean>();
  let last = '';
  for (const line of stdout.split('\n')) {
    const m = /^\s+--([\w-]+)/.exec(line);
    if (m) flags.set((last = m[1]!), false);
    if (last && line.includes('[required]')) flags.set(last, true);
    if (!line.trim()) last = '';
  }
  return flags;
}

/** The flags of argv exist in its command's help, and every required flag is given. */
async function checkAgainstHelp(argv: string[]): Promise<void> {
  if (argv.includes('--help')) return;
  const flags = await helpFlags(argv[0]!);
  const given = argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]!);
  for (const f of given)
    expect(flags.has(f) || flags.has(f.replace(/^no-/, '')), `${argv[0]} --${f}`).toBe(true);
  for (const [f, required] of flags)
    if (required) expect(given, `${argv.join(' ')}: --${f} is required`).toContain(f);
}

describe('README commands', () => {
  it('finds the commands of the table, the quick start and the prose', () => {
    expect(commands).toContain('ngpc tables');
    expect(commands.length).toBeGreaterThan(20);
  });

  it('PLANS has no command the README lost', () => {
    expect(Object.keys(PLANS).filter((c) => !commands.includes(c))).toEqual([]);
  });

  it.each(commands)('%s', async (cmd) => {
    const plan = PLANS[cmd];
    expect(plan, `README command not in PLANS (test/docs/readme.test.ts): ${cmd}`).toBeDefined();
    const runs = plan!.run === 'as written' ? asWritten(cmd) : (plan!.run ?? []);
    const checks = plan!.check === 'as written' ? asWritten(cmd) : (plan!.check ?? []);
    const runNow = !plan!.gpu || gpu !== null;
    for (const argv of [...runs, ...checks]) await checkAgainstHelp(argv);
    if (!runNow) return;
    for (const argv of runs) {
      const r = await cli(...concrete(argv));
      expect(plan!.codes ?? [0], `ngpc ${argv.join(' ')} exited ${r.code}: ${r.stderr}`).toContain(r.code);
      if (argv.includes('--json')) expect(() => JSON.parse(r.stdout), r.stdout).not.toThrow();
    }
  });
});
