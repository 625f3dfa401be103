// `ngpc simulate`: one design point (GPU × app × encoding × resolution × NGPC) as a readable report or JSON.
import { pointFromOptions, type SimulateFlags, simulateDesignPoint } from '../model/frame/simulate.ts';
import { simulateText } from '../report/simulateText.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { withJson, withPointOptions } from './options.ts';

interface SimulateArgs extends SimulateFlags {
  json: boolean;
}

export const simulateCommand: CommandBody<SimulateArgs> = {
  builder: (y) =>
    withPointOptions(withJson(y))
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
    const point = pointFromOptions(argv);
    const report = simulateDesignPoint(point);
    if (argv.json) return printJson(report);
    println(simulateText(report));
  },
};
