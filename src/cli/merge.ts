// `ngpc merge`: joins the output folders of sweep shards into one (points.csv, points.jsonl, errors.jsonl, sweep.json).
import { mergeSweepFolders } from '../report/sweepMerge.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { withJson } from './options.ts';
import { printSweepErrors } from './sweepText.ts';

export const mergeCommand: CommandBody<{ dirs: string[]; out: string; json: boolean }> = {
  builder: (y) =>
    withJson(y)
      .positional('dirs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'shard output folders',
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'merged output folder (not a shard folder), replaced whole at the end',
      })
      .example('$0 merge out/s1 out/s2 --out out/paper', 'join two shards'),
  handler: async (argv) => {
    const r = await mergeSweepFolders(argv.dirs, argv.out);
    const m = r.manifest;
    printSweepErrors(r.firstErrors, m.errors, r.files);
    if (m.errors > 0) process.exitCode = 2;
    if (argv.json) {
      const { rows, errors, totalPoints, profile, sweepHash } = m;
      return printJson({
        out: argv.out,
        points: rows,
        errors,
        totalPoints,
        profile,
        sweepHash,
        shards: argv.dirs.length,
        files: r.files,
      });
    }
    println(`${m.rows} points, ${m.errors} errors -> ${r.files.join(', ')}`);
  },
};
