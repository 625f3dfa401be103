// `ngpc reproduce`: the paper's published numbers beside the model's, under a profile, with roles and the recorded
// deviation each row should sit at.

import { DEFAULT_REPRODUCE_FILE, reproduce, reproduceFails } from '../model/fit/reproduce.ts';
import { reproduceText } from '../report/reproduceText.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { profileFromArgs, withJson, withProfile } from './options.ts';

export const reproduceCommand: CommandBody<{ targets?: string; json: boolean; profile?: string }> = {
  builder: (y) =>
    withProfile(withJson(y))
      .option('targets', { type: 'string', describe: `reproduce file (default ${DEFAULT_REPRODUCE_FILE})` })
      .example(
        '$0 reproduce',
        'first-principles: rows, roles, Δ and whether each sits at its recorded deviation',
      )
      .example(
        '$0 reproduce --profile paper-fit --json',
        'rows with role "fit" | "held-out" | "quoted" as JSON',
      ),
  handler: (argv) => {
    const result = reproduce(argv.targets ?? DEFAULT_REPRODUCE_FILE, { profile: profileFromArgs(argv) });
    if (reproduceFails(result)) process.exitCode = 1;
    if (argv.json) return printJson(result);
    println(reproduceText(result));
  },
};
