// `ngpc tables`: regenerates results/ (paper-shaped Markdown + CSV tables and SVG charts), or checks it.
import type { CommandModule } from 'yargs';
import { checkResultFiles, paperResults, resultFiles, writeResultFiles } from '../index.ts';
import { io, println } from './io.ts';

export const tablesCommand: CommandModule<object, { out: string; check: boolean }> = {
  command: 'tables',
  describe:
    'regenerate results/: baseline breakdown, speedup vs scale, FPS, area/power, bandwidth, cross-GPU, reproduce',
  builder: (y) =>
    y
      .option('out', { type: 'string', default: 'results', describe: 'output folder' })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'write nothing; exit 1 naming each cell that differs beyond the tolerance',
      })
      .example('$0 tables', 'rewrite results/')
      .example('$0 tables --check', 'CI: fail if the committed results are stale'),
  handler: (argv) => {
    const results = paperResults();
    if (argv.check) {
      const problems = checkResultFiles(argv.out, results);
      for (const p of problems) io().err(`ngpc: ${p}\n`);
      if (problems.length > 0) {
        process.exitCode = 1;
        return println(
          `${problems.length} difference(s); run \`ngpc tables --out ${argv.out}\` to regenerate`,
        );
      }
      return println(`${argv.out}: current`);
    }
    const files = resultFiles(results);
    const written = writeResultFiles(argv.out, files);
    println(`${files.size} files in ${argv.out} (${written.length} rewritten)`);
  },
};
