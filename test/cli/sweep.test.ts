import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonText } from '../../src/io/write.ts';
import {
  expandSweepFile,
  parseJobs,
  runSweepParallel,
  SWEEP_WORKER_MIN_POINTS,
  shardSlice,
  sweepThreads,
} from '../../src/model/frame/sweep/index.ts';
import { cli } from '../helpers/cli.ts';

function sweepFile(axes: Record<string, unknown[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ngpc-sweep-'));
  const file = join(dir, 'small.json');
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      base: { gpu: 'rtx3090', app: 'nerf', encoding: 'hashgrid', ngpc: 'ngpc-8' },
      axes,
    }),
  );
  return file;
}

describe('ngpc sweep and merge', () => {
  it('the paper sweep has 900 points', () => {
    expect(expandSweepFile('configs/sweeps/paper.json')).toHaveLength(900);
  });

  it('writes CSV + JSON with the declared columns; a bad point is reported and the rest finish', async () => {
    const file = sweepFile({ app: ['nerf', 'nope', 'gia'], ngpc: ['none', 'ngpc-8'] });
    const out = join(mkdtempSync(join(tmpdir(), 'ngpc-out-')), 'o');
    const r = await cli('sweep', file, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/point 2 .*"nope".*unknown app; expected one of gia, nerf, nsdf, nvr/);
    expect(r.stdout).toMatch(/4 points, 2 errors/);
    const csv = readFileSync(join(out, 'points.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(/^index,gpu,app,encoding,resolution,ngpc,nfps,/);
    const lines = (name: string) =>
      readFileSync(join(out, name), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { index: number });
    expect(lines('points.jsonl').map((x) => x.index)).toEqual([0, 1, 4, 5]);
    expect(lines('errors.jsonl').map((x) => x.index)).toEqual([2, 3]);
    expect(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'))).toMatchObject({ rows: 4, errors: 2 });
  });

  it('shards merge back into the whole sweep, byte for byte', async () => {
    const file = sweepFile({
      app: ['nerf', 'nsdf', 'gia'],
      resolution: ['1080p', '4k'],
      ngpc: ['ngpc-8', 'ngpc-64'],
    });
    const base = mkdtempSync(join(tmpdir(), 'ngpc-shards-'));
    expect((await cli('sweep', file, '--out', join(base, 'all'))).code).toBe(0);
    for (const k of [1, 2, 3])
      expect((await cli('sweep', file, '--shard', `${k}/3`, '--out', join(base, `s${k}`))).code).toBe(0);
    const m = await cli(
      'merge',
      join(base, 's1'),
      join(base, 's2'),
      join(base, 's3'),
      '--out',
      join(base, 'merged'),
    );
    expect(m.code).toBe(0);
    for (const name of ['points.csv', 'points.jsonl', 'errors.jsonl', 'sweep.json'])
      expect(readFileSync(join(base, 'merged', name), 'utf8'), name).toBe(
        readFileSync(join(base, 'all', name), 'utf8'),
      );
    const dup = await cli('merge', join(base, 's1'), join(base, 's1'), '--out', join(base, 'dup'));
    expect(dup.code).toBe(2);
    expect(shardSlice([1, 2, 3, 4, 5], { index: 2, count: 2 })).toEqual([3, 4, 5]);
  });

  it('--jobs auto, 1 and 2 give the same bytes (workers doing every chunk included)', async () => {
    const file = sweepFile({ app: ['nerf', 'nope', 'gia'], resolution: ['1080p', '4k'], nfps: [4, 8, 12] });
    const base = mkdtempSync(join(tmpdir(), 'ngpc-jobs-'));
    const auto = await cli('sweep', file, '--out', join(base, 'auto'), '--json');
    expect(JSON.parse(auto.stdout)).toMatchObject({ points: 12, errors: 6, jobs: 1 });
    await cli('sweep', file, '--out', join(base, 'one'), '--jobs', '1');
    await cli('sweep', file, '--out', join(base, 'two'), '--jobs', '2');
    for (const name of ['points.csv', 'points.jsonl', 'errors.jsonl', 'sweep.json']) {
      const one = readFileSync(join(base, 'one', name), 'utf8');
      expect(readFileSync(join(base, 'auto', name), 'utf8'), name).toBe(one);
      expect(readFileSync(join(base, 'two', name), 'utf8'), name).toBe(one);
    }
    const shard = { index: 1, count: 1 };
    const inProcess = await runSweepParallel(file, shard, { threads: 1 });
    const workers = await runSweepParallel(file, shard, { threads: 3, workersOnly: true });
    expect(jsonText(workers)).toBe(jsonText(inProcess));
  }, 60_000);

  it('--jobs auto stays in-process below the measured crossover; no count exceeds the cores', () => {
    expect(sweepThreads('auto', 900, 2)).toBe(1);
    expect(sweepThreads('auto', SWEEP_WORKER_MIN_POINTS - 1, 16)).toBe(1);
    expect(sweepThreads('auto', SWEEP_WORKER_MIN_POINTS, 2)).toBe(2);
    expect(sweepThreads('auto', 10 * SWEEP_WORKER_MIN_POINTS, 1)).toBe(1);
    expect(sweepThreads(4, 10, 2)).toBe(2);
    expect(sweepThreads(2, 10, 16)).toBe(2);
    expect(parseJobs('auto')).toBe('auto');
    expect(parseJobs('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', ''])
      expect(() => parseJobs(bad), bad).toThrow(/^jobs .*expected "auto" or a positive whole number/);
  });

  it('bad sweep files and flags exit 2 naming the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-bad-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 1, base: {}, axes: { 'not a key': [1] } }));
    const r = await cli('sweep', file, '--out', join(dir, 'o'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: $.axes["not a key"]`);
    const shard = await cli('sweep', 'configs/sweeps/paper.json', '--shard', '3/2');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toMatch(/--shard "3\/2": expected k\/n/);
    const jobs = await cli('sweep', 'configs/sweeps/paper.json', '--jobs', 'many');
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toMatch(/--jobs "many": expected "auto" or a positive whole number/);
  });
});
