// `ngpc bench [suite]`: benchmark suites by name (model: the analytical model; kernels: the WebGPU kernels).
import type { CommandModule } from 'yargs';
import { FlagError } from '../errors.ts';
import { withJson } from './options.ts';

type Suite = (opts: { json: boolean }) => Promise<boolean>;

/** Suites by name; each returns whether it met its targets. The kernels suite is added by its owner. */
export const BENCH_SUITES: Record<string, () => Promise<Suite>> = {
  model: async () => (await import('./benchModel.ts')).runModelBench,
};

export const benchCommand: CommandModule<object, { suite: string; json: boolean }> = {
  command: 'bench [suite]',
  describe: 'run a benchmark suite (model: the 900-point paper sweep)',
  builder: (y) =>
    withJson(y)
      .positional('suite', {
        type: 'string',
        default: 'model',
        describe: `one of ${Object.keys(BENCH_SUITES).join(', ')}`,
      })
      .example('$0 bench model', 'time the paper sweep; exit 1 if below target'),
  handler: async (argv) => {
    const load = BENCH_SUITES[argv.suite];
    if (!load)
      throw new FlagError('suite', argv.suite, `expected one of ${Object.keys(BENCH_SUITES).join(', ')}`);
    const ok = await (await load())({ json: argv.json });
    if (!ok) process.exitCode = 1;
  },
};
