// Shared CLI options as composable yargs builders.
import type { Argv } from 'yargs';
import { checkProfileName, DEFAULT_PROFILE, type ProfileName } from '../config/profile.ts';
import { FlagError } from '../errors.ts';
import type { NamedPath } from '../io/outputGuard.ts';

export function withJson<T>(y: Argv<T>) {
  return y.option('json', { type: 'boolean', default: false, describe: 'machine-readable JSON on stdout' });
}

const PROFILE_HELP =
  'model profile: first-principles (default; calibrated on paper §2 only) | paper-fit (ngpc fit)';

export function withProfile<T>(y: Argv<T>) {
  return y.option('profile', { type: 'string', describe: PROFILE_HELP });
}

/** The --profile flag, checked (exit 2 naming the flag on an unknown name). */
export function profileFromArgs(argv: { profile?: string }): ProfileName {
  return argv.profile === undefined ? DEFAULT_PROFILE : checkProfileName(argv.profile);
}

export function withOut<T>(y: Argv<T>, describe = 'output file') {
  return y.option('out', { type: 'string', describe });
}

/** The flags of one design point (`ngpc simulate`, `ngpc solve`). */
export function withPointOptions<T>(y: Argv<T>) {
  return y
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
      describe: 'samples per pixel: assumed (app config) | measured (configs/workloads/<app>.json) | a file',
    })
    .option('profile', { type: 'string', describe: PROFILE_HELP })
    .option('tcnn', {
      type: 'string',
      describe:
        'instant-ngp / tiny-cuda-nn model file (JSON with comments and "parent", or YAML): its encoding and networks replace the app\'s',
    });
}

/** The inputs a render or profile reads: the model, and a camera JSON file when `--camera` names one. */
export function modelInputs(model: string, camera?: string): NamedPath[] {
  return [
    { flag: 'model', path: model },
    ...(camera === undefined ? [] : [{ flag: 'camera', path: camera }]),
  ];
}

/**
 * Where a profile goes: --out, or the committed configs/workloads/<app>.json only when --write asks for it
 * (a plain run must not rewrite a tracked file); null prints the result without writing.
 */
export function profileOutPath(app: string, argv: { out?: string; write: boolean }): string | null {
  if (argv.write && argv.out !== undefined) {
    throw new FlagError('write', true, `--write writes configs/workloads/${app}.json; drop it or --out`);
  }
  return argv.out ?? (argv.write ? `configs/workloads/${app}.json` : null);
}

/** The line a run without --out or --write ends with. */
export function notWrittenHint(app: string): string {
  return `not written: add --write to update configs/workloads/${app}.json (used by --workload measured), or --out FILE`;
}
