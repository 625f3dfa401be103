// `ngpc reproduce`: the paper's published numbers beside the model's, with Δ %, tolerance and pass/fail.
import type { CommandModule } from 'yargs';
import { DEFAULT_REPRODUCE_FILE, reproduce, reproduceText } from '../index.ts';
import { printJson, println } from './io.ts';
import { withJson } from './options.ts';

export const reproduceCommand: CommandModule<object, { targets?: string; json: boolean }> = {
  command: 'reproduce',
  describe:
    "every published number of the paper (§2 calibration, §4 validation) beside the model's; exit 1 on a failed row",
  builder: (y) =>
    withJson(y)
      .option('targets', { type: 'string', describe: `reproduce file (default ${DEFAULT_REPRODUCE_FILE})` })
      .example('$0 reproduce', 'the table; exit code 1 if a row is outside its tolerance')
      .example('$0 reproduce --json', 'rows {quantity, paper, model, deltaPct, tolerancePct, pass} as JSON'),
  handler: (argv) => {
    const result = reproduce(argv.targets ?? DEFAULT_REPRODUCE_FILE);
    if (result.failed > 0) process.exitCode = 1;
    if (argv.json) return printJson(result);
    println(reproduceText(result));
  },
};
