// `ngpc fit`: fits the paper-fit profile (every hypothesis combination, chosen by fit residual) and records it.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_PAPER_FIT_SPEC, paperFitResultPath } from '../config/profile.ts';
import { FlagError, NgpcInputError } from '../errors.ts';
import { jsonText, writeFileAtomic } from '../io/write.ts';
import { runPaperFit } from '../model/fit/paperFit.ts';
import { clearProfileCache } from '../model/profile/profiles.ts';
import { paperFitText } from '../report/fitText.ts';
import type { CommandBody } from './commandBody.ts';
import { io, printJson, println } from './io.ts';
import { withJson } from './options.ts';
import { progressBar } from './progress.ts';

interface FitArgs {
  spec: string;
  write: boolean;
  check: boolean;
  json: boolean;
}

export const fitCommand: CommandBody<FitArgs> = {
  builder: (y) =>
    withJson(y)
      .option('spec', {
        type: 'string',
        default: DEFAULT_PAPER_FIT_SPEC,
        defaultDescription: 'configs/calibration/paper-fit.json',
        describe: 'fit declaration: ranges, hypotheses, fit set',
      })
      .option('write', {
        type: 'boolean',
        default: false,
        describe: "record the result in the declaration's result file (paper-fit.result.json)",
      })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'refit and compare with the recorded result; exit 1 if it differs',
      })
      .example('$0 fit', 'fit every hypothesis combination and print the table')
      .example('$0 fit --write', 'record the chosen profile for --profile paper-fit')
      .example('$0 fit --check', 'CI: the recorded fit is what the configs give'),
  handler: (argv) => {
    if (argv.write && argv.check)
      throw new FlagError('check', true, 'expected either --write or --check, not both');
    const bar = progressBar('fit', 'fits');
    const start = performance.now();
    const result = runPaperFit(argv.spec, (done, total) => bar.update(done, total));
    bar.stop();
    const seconds = (performance.now() - start) / 1e3;
    const file = paperFitResultPath(argv.spec);
    if (resolve(file) === resolve(argv.spec)) {
      throw new NgpcInputError(`${argv.spec}: $.result names the declaration itself; expected another file`);
    }
    if (argv.check) {
      const recorded = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
      const current = JSON.parse(jsonText(result));
      if (!isDeepStrictEqual(recorded, current)) {
        io().err(
          `${file}: ${recorded ? 'stale: refitting gives a different result' : 'missing'}; run \`ngpc fit --write\`\n`,
        );
        process.exitCode = 1;
      } else if (!argv.json) println(`${file}: current`);
      if (argv.json) printJson({ file, current: process.exitCode !== 1 });
      return;
    }
    if (argv.write) {
      writeFileAtomic(file, jsonText(result));
      clearProfileCache();
    }
    if (argv.json) return printJson(result);
    println(paperFitText(result, seconds));
    if (argv.write) println(`wrote ${file}`);
  },
};
