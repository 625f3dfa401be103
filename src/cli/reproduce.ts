// `ngpc reproduce`: the paper's published numbers beside the model's, under a profile, with roles and the recorded
// deviation each row should sit at.
import type { CommandModule } from 'yargs';
import { DEFAULT_REPRODUCE_FILE, reproduce, reproduceFails, reproduceText } from '../index.ts';
import { printJson, println } from './io.ts';
import { profileFromArgs, withJson, withProfile } from './options.ts';

export const reproduceCommand: CommandModule<object, { targets?: string; json: boolean; profile?: string }> =
  {
    command: 'reproduce',
    describe:
      "every published number of the paper (§2 calibration, §4 results) beside the model's; exit 1 if a row moved from its recorded deviation",
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
