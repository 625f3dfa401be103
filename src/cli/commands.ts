// The list of ngpc commands: usage and one-line description here (all that `ngpc --help` needs), each command's
// options and handler in its own module, imported only when that command runs: start-up loads one command, not all.
import type { CommandBody } from './commandBody.ts';

export interface CommandEntry {
  /** yargs usage: the name, then positionals (`sweep <file>`). */
  command: string;
  describe: string;
  load: () => Promise<CommandBody<any>>;
}

/** The commands, in the order `ngpc --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    command: 'doctor',
    describe: 'show the WebGPU adapter, its features and limits, and package versions',
    load: async () => (await import('./doctor.ts')).doctorCommand,
  },
  {
    command: 'schemas',
    describe: 'write JSON Schemas for every config kind (for editors) to configs/schema/',
    load: async () => (await import('./schemas.ts')).schemasCommand,
  },
  {
    command: 'simulate',
    describe:
      'model one design point: baseline GPU kernels, NGPC engines, frame time, speedup, FPS, overheads',
    load: async () => (await import('./simulate.ts')).simulateCommand,
  },
  {
    command: 'solve',
    describe:
      'what would it take: the NFP clock, NFP count, samples per pixel or rest fusion a target FPS or speedup needs',
    load: async () => (await import('./solve.ts')).solveCommand,
  },
  {
    command: 'engine <engine>',
    describe:
      'one NGPC engine on its own (mlp: GEMMs on the systolic array, cycles and utilisation per dataflow)',
    load: async () => (await import('./engine.ts')).engineCommand,
  },
  {
    command: 'calibrate',
    describe:
      'fit the baseline-GPU efficiencies to the paper §2 profile; --write records values and residuals',
    load: async () => (await import('./calibrate.ts')).calibrateCommand,
  },
  {
    command: 'fit',
    describe:
      'fit the paper-fit profile: parameters the paper does not give, to a declared subset of its §4 results',
    load: async () => (await import('./fit.ts')).fitCommand,
  },
  {
    command: 'reproduce',
    describe:
      "every published number of the paper (§2 calibration, §4 results) beside the model's; exit 1 if a row moved from its recorded deviation",
    load: async () => (await import('./reproduce.ts')).reproduceCommand,
  },
  {
    command: 'sweep <file>',
    describe: 'evaluate every design point of a sweep file (or a shard) into points.csv and points.jsonl',
    load: async () => (await import('./sweep.ts')).sweepCommand,
  },
  {
    command: 'merge <dirs..>',
    describe: 'join shard outputs of one sweep (ngpc sweep --shard k/n) into one folder',
    load: async () => (await import('./merge.ts')).mergeCommand,
  },
  {
    command: 'tables',
    describe:
      'regenerate results/: baseline breakdown, speedup vs scale, FPS, area/power, bandwidth, cross-GPU, reproduce, paper-fit',
    load: async () => (await import('./tables.ts')).tablesCommand,
  },
  {
    command: 'explore',
    describe: 'serve the interactive design-space explorer (results/explorer.html) on 127.0.0.1',
    load: async () => (await import('./explore.ts')).exploreCommand,
  },
  {
    command: 'targets',
    describe:
      'desktop / VR / AR targets: required vs achievable FPS, energy per frame vs budget, gap in orders of magnitude',
    load: async () => (await import('./targets.ts')).targetsCommand,
  },
  {
    command: 'bench [suite]',
    describe:
      'run a benchmark suite: model (the paper sweep), cli (start-up of the compiled CLI), kernels and apps (WebGPU)',
    load: async () => (await import('./bench.ts')).benchCommand,
  },
  {
    command: 'encode',
    describe:
      'encode points with a tiny-cuda-nn encoding JSON (HashGrid, DenseGrid, TiledGrid, SphericalHarmonics)',
    load: async () => (await import('./encode.ts')).encodeCommand,
  },
  {
    command: 'mlp',
    describe:
      'evaluate a tiny-cuda-nn FullyFusedMLP (network JSON, weights in tcnn layout) on an inputs file',
    load: async () => (await import('./mlp.ts')).mlpCommand,
  },
  {
    command: 'train',
    describe:
      "train an app's neural field on WebGPU from scratch and write a model file (apps: ngpc train --help)",
    load: async () => (await import('./train.ts')).trainCommand,
  },
  {
    command: 'render',
    describe:
      'render a trained model to a PNG on WebGPU, or with the CPU reference (apps: ngpc render --help)',
    load: async () => (await import('./render.ts')).renderCommand,
  },
  {
    command: 'profile',
    describe: 'measure queries per pixel of a trained model and write a workload file the model can use',
    load: async () => (await import('./profile.ts')).profileCommand,
  },
];

/** The command name of a usage string: `sweep <file>` → `sweep`. */
export function commandName(entry: Pick<CommandEntry, 'command'>): string {
  return entry.command.split(' ')[0] ?? entry.command;
}
