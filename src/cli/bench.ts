// `ngpc bench [suite]`: benchmark suites by name (model: the analytical model; kernels: the WebGPU kernels).
import { FlagError } from '../errors.ts';
import type { CommandBody } from './commandBody.ts';
import { withJson } from './options.ts';

type Suite = (opts: {
  json: boolean;
  maxBatchLog2?: number;
  resolution?: string;
  reps?: number;
  write?: boolean;
}) => Promise<boolean>;

/** Suites by name; each returns whether it met its targets. The kernels suite is added by its owner. */
export const BENCH_SUITES: Record<string, () => Promise<Suite>> = {
  model: async () => (await import('./benchModel.ts')).runModelBench,
  kernels: async () => (await import('./benchKernels.ts')).runKernelsBench,
  apps: async () => (await import('./benchApps.ts')).runAppsBench,
  cli: async () => (await import('./benchCli.ts')).runCliBench,
};

export const benchCommand: CommandBody<{
  suite: string;
  json: boolean;
  'max-batch-log2': number;
  resolution: string;
  reps?: number;
  write: boolean;
}> = {
  builder: (y) =>
    withJson(y)
      .positional('suite', {
        type: 'string',
        default: 'model',
        describe: `one of ${Object.keys(BENCH_SUITES).join(', ')}`,
      })
      .option('max-batch-log2', {
        type: 'number',
        default: 20,
        describe: 'kernels suite: largest batch as log2 (batches 2^14, 2^17, 2^20 up to it)',
      })
      .option('resolution', { type: 'string', default: '64x64', describe: 'apps suite: frame size WxH' })
      .option('reps', {
        type: 'number',
        describe: 'apps and cli suites: timed repetitions, the median is reported (default: apps 3, cli 5)',
      })
      .option('write', {
        type: 'boolean',
        default: false,
        describe: 'apps suite: record the measured fusion factor in configs/frame/pipeline.json',
      })
      .example('$0 bench model', 'time the paper sweep; exit 1 if below target')
      .example('$0 bench cli', 'start-up of the compiled CLI vs `node -e 0`, and warm sweep points/s')
      .example('$0 bench apps --resolution 64x64 --write', 'NeRF fused vs unfused rest of frame; record it')
      .example('$0 bench kernels --max-batch-log2 17 --json', 'GPU vs CPU throughput of every WebGPU kernel'),
  handler: async (argv) => {
    const load = BENCH_SUITES[argv.suite];
    if (!load)
      throw new FlagError('suite', argv.suite, `expected one of ${Object.keys(BENCH_SUITES).join(', ')}`);
    const log2 = argv['max-batch-log2'];
    if (!Number.isInteger(log2) || log2 < 14 || log2 > 24) {
      throw new FlagError('max-batch-log2', log2, 'expected an integer in 14..24');
    }
    const ok = await (await load())({
      json: argv.json,
      maxBatchLog2: log2,
      resolution: argv.resolution,
      reps: argv.reps,
      write: argv.write,
    });
    if (!ok) process.exitCode = 1;
  },
};
