// `ngpc merge`: joins the output folders of sweep shards into one points.csv + points.json.
import type { CommandModule } from 'yargs';
import { mergeSweepOutputs, readSweepOutput, writeSweepOutput } from '../index.ts';
import { io, println } from './io.ts';

export const mergeCommand: CommandModule<object, { dirs: string[]; out: string }> = {
  command: 'merge <dirs..>',
  describe: 'join shard outputs of one sweep (ngpc sweep --shard k/n) into one folder',
  builder: (y) =>
    y
      .positional('dirs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'shard output folders',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'merged output folder' })
      .example('$0 merge out/s1 out/s2 --out out/paper', 'join two shards'),
  handler: (argv) => {
    const merged = mergeSweepOutputs(argv.dirs.map(readSweepOutput));
    const files = writeSweepOutput(argv.out, merged);
    for (const e of merged.errors) io().err(`ngpc: point ${e.index}: ${e.message}\n`);
    if (merged.errors.length > 0) process.exitCode = 2;
    println(`${merged.rows.length} points, ${merged.errors.length} errors -> ${files.join(', ')}`);
  },
};
