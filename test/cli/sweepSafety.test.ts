// Issue 14 for sweep and merge: inputs never overwritten, merge by content, bounded work, signals, --profile.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  planSweep,
  runSweepChunks,
  runSweepParallel,
  sweepAssignment,
  sweepPointCount,
} from '../../src/model/frame/sweep/index.ts';
import { cli } from '../helpers/cli.ts';

const BASE = { gpu: 'rtx3090', app: 'nerf', encoding: 'hashgrid', ngpc: 'ngpc-8' };
const OUTPUT_FILES = ['errors.jsonl', 'points.csv', 'points.jsonl', 'sweep.json'];

function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `ngpc-${label}-`));
}

function writeSweep(file: string, axes: Record<string, unknown[]>, base: unknown = BASE): string {
  writeFileSync(file, JSON.stringify({ version: 1, base, axes }));
  return file;
}

/** Every file of a folder and its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.ngpc-tmp-'));

describe('sweep and merge never overwrite their inputs', () => {
  it('sweep dir/points.json --out dir is refused, naming --out and the sweep file', async () => {
    const dir = tempDir('in-out');
    const file = writeSweep(join(dir, 'points.json'), { app: ['nerf', 'gia'] });
    const before = readFileSync(file, 'utf8');
    const r = await cli('sweep', file, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out "${dir}" holds the sweep file "${file}"`);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['points.json']);
  });

  it('a base file inside the output folder is refused too', async () => {
    const dir = tempDir('base-out');
    mkdirSync(join(dir, 'o'));
    writeFileSync(join(dir, 'o', 'points.json'), JSON.stringify(BASE));
    const file = writeSweep(join(dir, 's.json'), { app: ['nerf', 'gia'] }, 'o/points.json');
    const r = await cli('sweep', file, '--out', join(dir, 'o'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out ".*\/o" holds the sweep's base file ".*\/o\/points.json"/);
    expect(JSON.parse(readFileSync(join(dir, 'o', 'points.json'), 'utf8'))).toEqual(BASE);
  });

  it('merge s1 s2 --out s1 is refused; s1 is untouched', async () => {
    const dir = tempDir('merge-in-out');
    const file = writeSweep(join(dir, 's.json'), { app: ['nerf', 'gia', 'nsdf'] });
    for (const k of [1, 2])
      expect((await cli('sweep', file, '--shard', `${k}/2`, '--out', join(dir, `s${k}`))).code).toBe(0);
    const before = snapshot(join(dir, 's1'));
    const r = await cli('merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 's1'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out "${join(dir, 's1')}" is the shard folder "${join(dir, 's1')}"`);
    expect(snapshot(join(dir, 's1'))).toEqual(before);
    // A parent of a shard folder holds it: refused as well.
    const parent = await cli('merge', join(dir, 's1'), join(dir, 's2'), '--out', dir);
    expect(parent.code).toBe(2);
    expect(parent.stderr).toMatch(/--out ".*" holds the shard folder/);
  });

  it('--out that is a file, a device, a foreign folder, empty or unwritable: exit 2, nothing replaced', async () => {
    const dir = tempDir('bad-out');
    const file = writeSweep(join(dir, 's.json'), { app: ['nerf'] });
    writeFileSync(join(dir, 'afile'), 'keep');
    const cases: [string, RegExp][] = [
      [join(dir, 'afile'), /--out ".*afile": is a file: expected a folder/],
      ['/dev/null', /--out "\/dev\/null": is a device: expected a folder/],
      ['', /--out "": expected a folder path/],
      [join(dir, 'afile', 'x'), /--out ".*afile\/x": cannot create .*\(ENOTDIR\)/],
      ['/proc/ngpc-x/y', /--out "\/proc\/ngpc-x\/y": cannot create \/proc\/ngpc-x \(E[A-Z]+\)/],
    ];
    for (const [out, message] of cases) {
      const r = await cli('sweep', file, '--out', out);
      expect(r.code, out).toBe(2);
      expect(r.stderr, out).toMatch(message);
    }
    expect(readFileSync(join(dir, 'afile'), 'utf8')).toBe('keep');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'notes.txt'), 'mine');
    const foreign = await cli('sweep', file, '--out', join(dir, 'mine'));
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/--out ".*mine": holds "notes.txt", which ngpc sweep does not write/);
    expect(readdirSync(join(dir, 'mine'))).toEqual(['notes.txt']);
    expect(leftovers(dir)).toEqual([]);
  });

  it('an earlier output folder (also the old one-file format) is replaced whole', async () => {
    const dir = tempDir('replace');
    const out = join(dir, 'o');
    mkdirSync(out);
    writeFileSync(join(out, 'points.json'), '{}');
    writeFileSync(join(out, 'points.csv'), 'old');
    const file = writeSweep(join(dir, 's.json'), { app: ['nerf', 'gia'] });
    expect((await cli('sweep', file, '--out', out)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(OUTPUT_FILES);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('merge compares content, not paths', () => {
  it('shards of an edited sweep are refused, naming the shard', async () => {
    const dir = tempDir('edited');
    const file = writeSweep(join(dir, 's.json'), { app: ['nerf', 'gia'], nfps: [4, 8] });
    expect((await cli('sweep', file, '--shard', '1/2', '--out', join(dir, 's1'))).code).toBe(0);
    writeSweep(file, { app: ['nerf', 'gia'], nfps: [4, 16] });
    expect((await cli('sweep', file, '--shard', '2/2', '--out', join(dir, 's2'))).code).toBe(0);
    const r = await cli('merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'm'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /s2\/sweep.json: \$.sweepHash = "sha256:.*": expected sha256:.* a shard of a different or edited sweep/,
    );
    expect(existsSync(join(dir, 'm'))).toBe(false);
  });

  it('the same sweep named ./mid.json and mid.json (and reformatted) merges', async () => {
    const dir = tempDir('same');
    const file = writeSweep(join(dir, 'mid.json'), { app: ['nerf', 'gia', 'nsdf'] });
    const rel = relative(process.cwd(), file);
    expect((await cli('sweep', `./${rel}`, '--shard', '1/3', '--out', join(dir, 's1'))).code).toBe(0);
    expect((await cli('sweep', rel, '--shard', '2/3', '--out', join(dir, 's2'))).code).toBe(0);
    // Same content, other spacing and key order: still the same sweep.
    const copy = join(dir, 'copy.json');
    writeFileSync(
      copy,
      JSON.stringify({ axes: { app: ['nerf', 'gia', 'nsdf'] }, base: BASE, version: 1 }, null, 4),
    );
    expect((await cli('sweep', copy, '--shard', '3/3', '--out', join(dir, 's3'))).code).toBe(0);
    expect((await cli('sweep', file, '--out', join(dir, 'all'))).code).toBe(0);
    const dirs = ['s3', 's1', 's2'].map((s) => join(dir, s)); // any order
    const r = await cli('merge', ...dirs, '--out', join(dir, 'm'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ points: 3, errors: 0, totalPoints: 3, shards: 3 });
    for (const name of ['points.csv', 'points.jsonl', 'errors.jsonl'])
      expect(readFileSync(join(dir, 'm', name), 'utf8')).toBe(readFileSync(join(dir, 'all', name), 'utf8'));
  });

  it('a malformed, old-format or truncated shard is exit 2 naming the file and JSON path', async () => {
    const dir = tempDir('malformed');
    const file = writeSweep(join(dir, 's.json'), { app: ['nerf', 'gia', 'nsdf', 'nvr'] });
    for (const k of [1, 2])
      expect((await cli('sweep', file, '--shard', `${k}/2`, '--out', join(dir, `s${k}`))).code).toBe(0);
    const manifestFile = join(dir, 's2', 'sweep.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const merge = () => cli('merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'm'));

    const { errors: _dropped, ...noErrors } = manifest;
    writeFileSync(manifestFile, JSON.stringify(noErrors));
    let r = await merge();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${manifestFile}: $.errors: missing; expected number`);

    writeFileSync(manifestFile, JSON.stringify({ ...manifest, rows: 'many' }));
    r = await merge();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${manifestFile}: $.rows = "many"`);

    writeFileSync(manifestFile, JSON.stringify(manifest));
    const rowsFile = join(dir, 's2', 'points.jsonl');
    const rows = readFileSync(rowsFile, 'utf8');
    writeFileSync(rowsFile, rows.split('\n').slice(0, 1).join('\n').concat('\n'));
    r = await merge();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${rowsFile}: $ = 1: expected 2 lines, as sweep.json records`);
    writeFileSync(rowsFile, rows.replace('"index":3', '"index":1'));
    r = await merge();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /points.jsonl: line 2 \$.index = 1: expected a JSON object whose index rises within 2-3/,
    );
    writeFileSync(rowsFile, rows);

    rmSync(manifestFile);
    writeFileSync(join(dir, 's2', 'points.json'), '{"rows": []}');
    r = await merge();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /s2\/sweep.json: missing: .*holds points.json from an older ngpc; rerun ngpc sweep/,
    );
    expect(existsSync(join(dir, 'm'))).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a missing shard writes nothing and names it k/n', async () => {
    const dir = tempDir('missing');
    const file = writeSweep(join(dir, 's.json'), { app: ['nerf', 'gia', 'nsdf'], nfps: [4, 8, 16] });
    for (const k of [1, 3])
      expect((await cli('sweep', file, '--shard', `${k}/3`, '--out', join(dir, `s${k}`))).code).toBe(0);
    const r = await cli('merge', join(dir, 's1'), join(dir, 's3'), '--out', join(dir, 'm'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/merge: shard 2\/3 \(points 3-5\) of 9 points missing: expected .*--shard 2\/3/);
    expect(r.stderr).not.toContain('point -1');
    expect(existsSync(join(dir, 'm'))).toBe(false);
    const dup = await cli(
      'merge',
      join(dir, 's1'),
      join(dir, 's1'),
      join(dir, 's3'),
      '--out',
      join(dir, 'm'),
    );
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/s1: points 0-2 \(shard 1\/3\) are also in .*s1: expected each shard once/);
  });
});

describe('bounded work', () => {
  it('counts points from the axes without expanding them, and refuses more than --max-points', async () => {
    const dir = tempDir('bound');
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    const huge = writeSweep(join(dir, 'huge.json'), {
      nfps: ten,
      samplesPerPixel: ten,
      'extra.a': ten,
      'extra.b': ten,
      'extra.c': ten,
      'extra.d': ten,
      'extra.e': ten,
      'extra.f': ten,
    });
    const plan = planSweep(huge);
    expect(plan.totalPoints).toBe(1e8);
    expect(sweepAssignment(plan.axes, 12_345_678)).toMatchObject({
      nfps: 2,
      samplesPerPixel: 3,
      'extra.f': 9,
    });
    const started = performance.now();
    const r = await cli('sweep', huge, '--out', join(dir, 'o'));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /huge.json: \$.axes = nfps 10 x .* = 100000000 points: expected at most 1000000 per run; raise the limit with --max-points N/,
    );
    expect(existsSync(join(dir, 'o'))).toBe(false);
    expect(sweepPointCount([['a', ten]])).toBe(10);

    const small = writeSweep(join(dir, 'small.json'), { app: ['nerf', 'gia', 'nsdf'], nfps: [4, 8] });
    const refused = await cli('sweep', small, '--out', join(dir, 's'), '--max-points', '5');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/= 6 points: expected at most 5 per run/);
    const shard = await cli('sweep', small, '--out', join(dir, 's'), '--max-points', '3', '--shard', '2/2');
    expect(shard.code).toBe(0);
    expect(shard.stderr).toContain('sweep small: 6 points, shard 2/2 runs 3 (points 3-5) on 1 thread');
    for (const bad of ['0', 'lots', '1e6'])
      expect((await cli('sweep', small, '--max-points', bad)).stderr, bad).toMatch(
        /--max-points .*: expected a positive whole number of points/,
      );
  });

  it('states the point count before running and notes a --jobs capped to the cores', async () => {
    const dir = tempDir('state');
    const file = writeSweep(join(dir, 'st.json'), { app: ['nerf', 'gia'], nfps: [4, 8] });
    const r = await cli('sweep', file, '--out', join(dir, 'o'), '--jobs', '4096');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^sweep st: 4 points on \d+ threads? \(--jobs 4096 capped to the \d+ available cores\)/,
    );
  });

  it('streams: chunks of at most 512 points, handed on in point order', async () => {
    const dir = tempDir('chunks');
    // Points differing only in their description: cheap (cached) evaluations, so the test is about chunking.
    const file = writeSweep(join(dir, 'c.json'), {
      description: Array.from({ length: 1500 }, (_, i) => `p${i}`),
    });
    const plan = planSweep(file);
    const sizes: number[] = [];
    const indices: number[] = [];
    await runSweepChunks(
      plan,
      { start: 100, end: 1400 },
      {
        threads: 1,
        onChunk: (c) => {
          sizes.push(c.rows.length + c.errors.length);
          indices.push(...c.rows.map((x) => x.index), ...c.errors.map((x) => x.index));
        },
      },
    );
    expect(Math.max(...sizes)).toBeLessThanOrEqual(512);
    expect(indices).toEqual(Array.from({ length: 1300 }, (_, i) => 100 + i));
  }, 60_000);
});

describe('axes that cannot apply', () => {
  it("fail up front when the first point shows it, else as that point's error (on workers too)", async () => {
    const dir = tempDir('apply');
    const fatal = writeSweep(join(dir, 'f.json'), { 'ngpc.nfps': [4] });
    const r = await cli('sweep', fatal, '--out', join(dir, 'o'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fatal}: $.axes["ngpc.nfps"]: "ngpc" is not an object in the base config`);
    expect(existsSync(join(dir, 'o'))).toBe(false);
    const later = writeSweep(join(dir, 'l.json'), { ngpc: [{}, 'ngpc-8'], 'ngpc.x': [1] });
    const out = await runSweepParallel(later, { index: 1, count: 1 }, { threads: 2, workersOnly: true });
    expect(out.rows).toEqual([]);
    expect(out.errors.map((e) => e.index)).toEqual([0, 1]);
    expect(out.errors[1]!.message).toMatch(/"ngpc" is not an object in the base config/);
  }, 60_000);
});

describe('--profile', () => {
  it('sets the profile of every point, is recorded, and an axis named profile still works', async () => {
    const dir = tempDir('profile');
    // The base asks for paper-fit; --profile first-principles overrides it on every point.
    const file = writeSweep(join(dir, 'p.json'), { app: ['nerf', 'gia'] }, { ...BASE, profile: 'paper-fit' });
    const r = await cli('sweep', file, '--out', join(dir, 'o'), '--profile', 'first-principles', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ points: 2, errors: 0, profile: 'first-principles' });
    expect(JSON.parse(readFileSync(join(dir, 'o', 'sweep.json'), 'utf8')).profile).toBe('first-principles');
    const plain = writeSweep(join(dir, 'plain.json'), { app: ['nerf', 'gia'] });
    expect((await cli('sweep', plain, '--out', join(dir, 'plain'))).code).toBe(0);
    expect(readFileSync(join(dir, 'o', 'points.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'plain', 'points.csv'), 'utf8'),
    );
    const axis = writeSweep(join(dir, 'axis.json'), { profile: ['first-principles'], app: ['nerf'] });
    const a = await cli('sweep', axis, '--out', join(dir, 'a'), '--profile', 'first-principles', '--json');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ points: 1, profile: 'axis' });
    const bad = await cli('sweep', file, '--out', join(dir, 'b'), '--profile', 'best-fit');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--profile "best-fit": expected a model profile: first-principles or paper-fit',
    );
    expect(existsSync(join(dir, 'b'))).toBe(false);
  });
});

describe('signals', () => {
  /** Runs `ngpc sweep` in a child, sends `signal` once its temp folder has rows, and waits for it to end. */
  function interruptedSweep(file: string, out: string, signal: NodeJS.Signals): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['scripts/ngpc.mjs', 'sweep', file, '--out', out, '--jobs', '1'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const parent = join(out, '..');
      const poll = setInterval(() => {
        const tmp = leftovers(parent).find((n) => !n.includes('-old-'));
        const rows = tmp && join(parent, tmp, 'points.jsonl');
        if (rows && existsSync(rows) && statSync(rows).size > 0) {
          clearInterval(poll);
          child.kill(signal);
        }
      }, 20);
      child.on('exit', (code, sig) => {
        clearInterval(poll);
        if (sig === signal || code !== 0) resolve(`${code} ${sig} ${stderr}`);
        else reject(new Error(`sweep finished before ${signal}: ${stderr}`));
      });
    });
  }

  it('SIGINT and SIGTERM mid-write leave exactly the old outputs and no temp files', async () => {
    const dir = tempDir('signal');
    const old = writeSweep(join(dir, 'old.json'), { app: ['nerf', 'gia'] });
    const big = writeSweep(join(dir, 'big.json'), {
      app: ['nerf', 'nsdf', 'gia', 'nvr'],
      nfps: Array.from({ length: 5000 }, (_, i) => i + 1),
    });
    // One folder per signal, so that the two children (each a Node start-up of several seconds) run side by side.
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const outs = signals.map((signal) => {
      mkdirSync(join(dir, signal));
      return join(dir, signal, 'o');
    });
    for (const out of outs) expect((await cli('sweep', old, '--out', out)).code).toBe(0);
    const before = snapshot(outs[0]!);
    expect(snapshot(outs[1]!)).toEqual(before);
    const ended = await Promise.all(signals.map((signal, i) => interruptedSweep(big, outs[i]!, signal)));
    for (const [i, signal] of signals.entries()) {
      expect(ended[i], signal).toMatch(new RegExp(`${signal}`));
      expect(snapshot(outs[i]!), signal).toEqual(before);
      expect(leftovers(join(dir, signal)), signal).toEqual([]);
    }
  }, 120_000);
});

describe('a base file that is not a design-point object', () => {
  it.each([
    ['a string', '"hello"'],
    ['a number', '42'],
    ['an array', '[1, 2]'],
    ['null', 'null'],
  ])('holding %s is refused with exit 2, naming the base file (not a TypeError)', async (_, text) => {
    const dir = tempDir('base-kind');
    writeFileSync(join(dir, 'base.json'), text);
    const file = writeSweep(join(dir, 'sweep.json'), { nfps: [8, 16] }, 'base.json');
    const r = await cli('sweep', file, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'base.json')}: $:`);
    expect(r.stderr).toContain('expected a design-point object');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
