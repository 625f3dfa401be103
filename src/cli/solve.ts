// `ngpc solve`: what a parameter (NFP clock, NFPs, samples per pixel, rest fusion) must be to reach a target FPS or
// speedup at one design point, each parameter solved alone with the others at their config values.

import { FlagError, NgpcInputError } from '../errors.ts';
import { pointFromOptions, type SimulateFlags } from '../model/frame/simulate.ts';
import { solvableParam, solvableParamNames } from '../model/solve/solvableParams.ts';
import { type SolveTarget, solveParameters } from '../model/solve/solveParameter.ts';
import { solveText } from '../report/solveText.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { withJson, withPointOptions } from './options.ts';

interface SolveArgs extends SimulateFlags {
  fps?: number;
  speedup?: number;
  vary?: string[];
  json: boolean;
}

const list = (v: unknown): string[] | undefined =>
  v === undefined
    ? undefined
    : ([] as unknown[])
        .concat(v)
        .flatMap((x) => String(x).split(','))
        .map((x) => x.trim())
        .filter(Boolean);

function targetFromArgs(argv: SolveArgs): SolveTarget {
  if (argv.fps !== undefined && argv.speedup !== undefined) {
    throw new NgpcInputError(
      `--fps ${argv.fps} --speedup ${argv.speedup}: expected exactly one target, not both`,
    );
  }
  if (argv.fps !== undefined) return { metric: 'fps', value: argv.fps };
  if (argv.speedup !== undefined) return { metric: 'speedup', value: argv.speedup };
  throw new NgpcInputError(
    '--fps / --speedup: no target given; expected exactly one of --fps F (frames per second at the resolution) or --speedup S (over the GPU alone)',
  );
}

export const solveCommand: CommandBody<SolveArgs> = {
  builder: (y) =>
    withPointOptions(withJson(y))
      .option('fps', { type: 'number', describe: "target frames per second at the point's resolution" })
      .option('speedup', { type: 'number', describe: 'target end-to-end speedup over the GPU alone' })
      .option('vary', {
        type: 'string',
        array: true,
        coerce: list,
        describe: `parameters to solve, each alone (repeat or comma-separate; default all): ${solvableParamNames().join(', ')}`,
      })
      .example(
        '$0 solve --gpu rtx3090 --nfps 64 --app nerf --resolution 4k --fps 30 --vary clock',
        'the NFP clock NeRF needs for 4K at 30 FPS on NGPC-64',
      )
      .example(
        '$0 solve --app nsdf --nfps 64 --resolution 8k --fps 120 --vary nfps,samplesPerPixel',
        'the NFPs, or else the samples per pixel, NSDF needs for 8K at 120 FPS',
      )
      .example('$0 solve --app gia --speedup 40 --json', 'every parameter for a 40x speedup, as JSON')
      .epilogue(
        'Each parameter is searched by bisection over a fixed range (clock 0.05-20 GHz, nfps 1-4096, ' +
          'samplesPerPixel 0.1-4096, restFusionSpeedup 1-1000). "required >=" is the least value that meets the ' +
          'target, "<=" the most; a target beyond the range is reported unreachable with the best value and what caps it.',
      ),
  handler: (argv) => {
    const target = targetFromArgs(argv);
    const names = [...new Set(argv.vary ?? solvableParamNames())];
    if (names.length === 0) {
      throw new FlagError('vary', '', `expected at least one of ${solvableParamNames().join(', ')}`);
    }
    for (const name of names) solvableParam(name);
    const point = pointFromOptions(argv);
    const report = solveParameters(point, names, target);
    if (argv.json) return printJson(report);
    println(solveText(report));
  },
};
