// `ngpc simulate`: one design point (GPU × app × encoding × resolution × NGPC) as a readable report or JSON.
import type { CommandModule } from 'yargs';
import { pointFromFlags, simulateDesignPoint, simulateText } from '../index.ts';
import { printJson, println } from './io.ts';
import { withJson } from './options.ts';

interface SimulateArgs {
  config?: string;
  gpu?: string;
  app?: string;
  encoding?: string;
  resolution?: string;
  nfps?: number;
  ngpc?: string;
  sramPolicy?: string;
  workload?: string;
  json: boolean;
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate',
  describe: 'model one design point: baseline GPU kernels, NGPC engines, frame time, speedup, FPS, overheads',
  builder: (y) =>
    withJson(y)
      .option('config', { type: 'string', describe: 'design-point JSON file (flags override its keys)' })
      .option('gpu', { type: 'string', describe: 'GPU preset (configs/gpus), default rtx3090' })
      .option('app', { type: 'string', describe: 'nerf | nsdf | gia | nvr' })
      .option('encoding', {
        type: 'string',
        describe: 'hashgrid | densegrid | lowres-densegrid (default hashgrid)',
      })
      .option('resolution', { type: 'string', describe: '1080p | 4k | 8k | WxH (default 1080p)' })
      .option('nfps', { type: 'number', describe: 'NFPs in the NGPC (ngpc-N preset when one exists)' })
      .option('ngpc', { type: 'string', describe: 'NGPC preset (configs/ngpc) or "none" for the GPU alone' })
      .option('sram-policy', { type: 'string', describe: 'assume-fits (the paper) | spill' })
      .option('workload', {
        type: 'string',
        describe:
          'samples per pixel: assumed (app config) | measured (configs/workloads/<app>.json) | a file',
      })
      .example(
        '$0 simulate --gpu rtx3090 --nfps 16 --app nerf --encoding hashgrid --resolution 4k',
        'NeRF at 4K with NGPC-16',
      )
      .example('$0 simulate --app gia --ngpc none --json', 'GIA on the RTX 3090 alone, as JSON')
      .example(
        '$0 simulate --app nerf --workload measured',
        'NeRF with samples per ray measured by ngpc profile',
      ),
  handler: (argv) => {
    const point = pointFromFlags({
      ...argv,
      encoding: argv.encoding ?? (argv.config ? undefined : 'hashgrid'),
    });
    const report = simulateDesignPoint(point);
    if (argv.json) return printJson(report);
    println(simulateText(report));
  },
};
