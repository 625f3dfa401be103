// `ngpc tables`: regenerates results/ (paper-shaped Markdown + CSV tables and SVG charts), or checks it.
import { join } from 'node:path';
import { EXPLORER_FILE, explorerPageHtml } from '../explorer/explorerPage.ts';
import { paperTableContext } from '../model/paperTables/context.ts';
import { paperResults } from '../model/paperTables/index.ts';
import { checkResultFiles, type ResultPage, resultFiles, writeResultFiles } from '../report/resultTables.ts';
import type { CommandBody } from './commandBody.ts';
import { io, printJson, println } from './io.ts';
import { profileFromArgs, withJson, withProfile } from './options.ts';

interface TablesArgs {
  out?: string;
  check: boolean;
  json: boolean;
  profile?: string;
}

export const tablesCommand: CommandBody<TablesArgs> = {
  builder: (y) =>
    withProfile(withJson(y))
      .option('out', {
        type: 'string',
        describe: 'output folder (default results; results-paper-fit with --profile paper-fit)',
      })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'write nothing; exit 1 naming each cell that differs beyond the tolerance',
      })
      .example('$0 tables', 'rewrite results/ (both profiles side by side where the paper has a number)')
      .example('$0 tables --check', 'CI: fail if the committed results are stale')
      .example(
        '$0 tables --profile paper-fit',
        'the single-profile tables under paper-fit, into results-paper-fit/',
      ),
  handler: async (argv) => {
    const profile = profileFromArgs(argv);
    const out = argv.out ?? (profile === 'first-principles' ? 'results' : `results-${profile}`);
    const results = paperResults(paperTableContext(profile));
    // The explorer has its own profile control: one page, written with the default profile's results.
    const pages: ResultPage[] =
      profile === 'first-principles'
        ? [{ name: EXPLORER_FILE, title: 'Design-space explorer', text: await explorerPageHtml() }]
        : [];
    if (argv.check) {
      const problems = checkResultFiles(out, results, pages);
      if (argv.json) printJson({ out, profile, current: problems.length === 0, problems });
      else for (const p of problems) io().err(`ngpc: ${p}\n`);
      if (problems.length > 0) {
        process.exitCode = 1;
        if (!argv.json)
          println(`${problems.length} difference(s); run \`ngpc tables --out ${out}\` to regenerate`);
        return;
      }
      if (!argv.json) println(`${out}: current`);
      return;
    }
    const files = resultFiles(results, pages);
    const rewritten = new Set(writeResultFiles(out, files));
    // Each file with its status: a script sees what changed without diffing the folder.
    const status = (file: string) => (rewritten.has(join(out, file)) ? 'rewritten' : 'unchanged');
    if (argv.json)
      return printJson({
        out,
        profile,
        files: [...files.keys()].map((file) => ({ file, status: status(file) })),
      });
    println(`${files.size} files in ${out} (${rewritten.size} rewritten)`);
  },
};
