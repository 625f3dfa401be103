// `ngpc sweep`: runs a sweep file (or one shard of it) into a folder: points.csv, points.jsonl, errors.jsonl, sweep.json.
import { basename } from 'node:path';
import { checkProfileName, PROFILE_NAMES } from '../config/profile.ts';
import { parseJobs, SWEEP_WORKER_MIN_POINTS } from '../model/frame/sweep/jobs.ts';
import { MAX_SWEEP_POINTS_DEFAULT, parseMaxPoints } from '../model/frame/sweep/limit.ts';
import { parseShard } from '../model/frame/sweep/shard.ts';
import { runSweepToFolder } from '../report/sweepRun.ts';
import type { CommandBody } from './commandBody.ts';
import { io, printJson, println } from './io.ts';
import { withJson } from './options.ts';
import { progressBar } from './progress.ts';
import { printSweepErrors, sweepStartLine } from './sweepText.ts';

interface SweepArgs {
  file: string;
  out?: string;
  jobs: string;
  shard: string;
  'max-points': string;
  profile?: string;
  json: boolean;
}

export const sweepCommand: CommandBody<SweepArgs> = {
  builder: (y) =>
    withJson(y)
      .positional('file', {
        type: 'string',
        demandOption: true,
        describe: 'sweep JSON (configs/sweeps/*.json)',
      })
      .option('out', {
        type: 'string',
        describe:
          'output folder, replaced whole at the end (default <sweep name>-sweep, plus -k-of-n for shards)',
      })
      .option('jobs', {
        type: 'string',
        default: 'auto',
        describe: `threads (main + workers, at most one per core); auto: in-process below ${SWEEP_WORKER_MIN_POINTS} points, else one per core`,
      })
      .option('shard', {
        type: 'string',
        default: '1/1',
        describe: 'run slice k of n (join slices with ngpc merge)',
      })
      .option('max-points', {
        type: 'string',
        default: String(MAX_SWEEP_POINTS_DEFAULT),
        describe: 'refuse to run more points than this (counting only the points of this shard)',
      })
      .option('profile', {
        type: 'string',
        describe: `model profile of every point: ${PROFILE_NAMES.join(' | ')}`,
      })
      .example('$0 sweep configs/sweeps/paper.json --out out/paper', 'the 900-point paper sweep')
      .example('$0 sweep big.json --jobs 4 --max-points 5000000', 'four threads, a bigger sweep')
      .example(
        '$0 sweep configs/sweeps/paper.json --shard 2/4 --out out/s2',
        'one of four slices (a CI matrix job)',
      ),
  handler: async (argv) => {
    const shard = parseShard(argv.shard);
    const jobs = parseJobs(argv.jobs);
    const name = basename(argv.file).replace(/\.json$/, '');
    const out = argv.out ?? `${name}-sweep${shard.count > 1 ? `-${shard.index}-of-${shard.count}` : ''}`;
    const bar = progressBar(name);
    const startS = performance.now() / 1e3;
    const r = await runSweepToFolder({
      file: argv.file,
      out,
      shard,
      jobs,
      maxPoints: parseMaxPoints(argv['max-points']),
      profile: argv.profile === undefined ? undefined : checkProfileName(argv.profile),
      onStart: (info) => io().err(sweepStartLine(name, shard, jobs, out, info)),
      onProgress: bar.update,
    }).finally(bar.stop);
    const seconds = performance.now() / 1e3 - startS;
    const m = r.manifest;
    printSweepErrors(r.firstErrors, m.errors, r.files);
    if (m.errors > 0) process.exitCode = 2;
    const summary = {
      points: m.rows,
      errors: m.errors,
      totalPoints: m.totalPoints,
      shard: `${shard.index}/${shard.count}`,
      range: m.range,
      profile: m.profile,
      sweepHash: m.sweepHash,
      jobs: r.threads,
      seconds,
      files: r.files,
    };
    if (argv.json) return printJson(summary);
    const threads = `${r.threads} ${r.threads === 1 ? 'thread' : 'threads'}`;
    println(
      `${m.rows} points, ${m.errors} errors in ${seconds.toFixed(2)} s (${threads}) -> ${r.files.join(', ')}`,
    );
  },
};
