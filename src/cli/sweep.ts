// `ngpc sweep`: runs a sweep file (or one shard of it) and writes points.csv + points.json.
import { basename } from 'node:path';
import type { CommandModule } from 'yargs';
import {
  parseJobs,
  parseShard,
  runSweepParallel,
  SWEEP_WORKER_MIN_POINTS,
  writeSweepOutput,
} from '../index.ts';
import { io, printJson, println } from './io.ts';
import { withJson } from './options.ts';
import { progressBar } from './progress.ts';

interface SweepArgs {
  file: string;
  out?: string;
  jobs: string;
  shard: string;
  json: boolean;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <file>',
  describe: 'evaluate every design point of a sweep file (or a shard) into points.csv and points.json',
  builder: (y) =>
    withJson(y)
      .positional('file', {
        type: 'string',
        demandOption: true,
        describe: 'sweep JSON (configs/sweeps/*.json)',
      })
      .option('out', {
        type: 'string',
        describe: 'output folder (default <sweep name>-sweep, plus -k-of-n for shards)',
      })
      .option('jobs', {
        type: 'string',
        default: 'auto',
        describe: `threads (main + workers); auto: in-process below ${SWEEP_WORKER_MIN_POINTS} points, else one per core`,
      })
      .option('shard', {
        type: 'string',
        default: '1/1',
        describe: 'run slice k of n (join slices with ngpc merge)',
      })
      .example('$0 sweep configs/sweeps/paper.json --out out/paper', 'the 900-point paper sweep')
      .example('$0 sweep big.json --jobs 4', 'four threads whatever the size')
      .example(
        '$0 sweep configs/sweeps/paper.json --shard 2/4 --out out/s2',
        'one of four slices (e.g. a CI matrix job)',
      ),
  handler: async (argv) => {
    const shard = parseShard(argv.shard);
    const name = basename(argv.file).replace(/\.json$/, '');
    const out = argv.out ?? `${name}-sweep${shard.count > 1 ? `-${shard.index}-of-${shard.count}` : ''}`;
    const bar = progressBar(name);
    const startS = performance.now() / 1e3;
    let threads = 1;
    const output = await runSweepParallel(argv.file, shard, {
      jobs: parseJobs(argv.jobs),
      onProgress: bar.update,
      onThreads: (n) => {
        threads = n;
      },
    }).finally(bar.stop);
    const files = writeSweepOutput(out, output);
    const seconds = performance.now() / 1e3 - startS;
    for (const e of output.errors)
      io().err(`ngpc: point ${e.index} ${JSON.stringify(e.assignment)}: ${e.message}\n`);
    if (output.errors.length > 0) process.exitCode = 2;
    const summary = {
      points: output.rows.length,
      errors: output.errors.length,
      jobs: threads,
      seconds,
      files,
    };
    if (argv.json) return printJson(summary);
    println(
      `${output.rows.length} points, ${output.errors.length} errors in ${seconds.toFixed(2)} s (${threads} ${threads === 1 ? 'thread' : 'threads'}) -> ${files.join(', ')}`,
    );
  },
};
