// `ngpc targets`: every app × encoding × platform against the device targets (desktop, VR, AR): FPS, J/frame, gap.
import { statSync } from 'node:fs';
import { type DeviceTarget, loadTargetFile, loadTargets, TARGETS_DIR } from '../config/deviceTarget.ts';
import { ngpcConfigNames } from '../config/ngpc.ts';
import { FlagError } from '../errors.ts';
import { targetGaps } from '../model/frame/targetGap.ts';
import { PAPER_GPU } from '../model/paperTables/context.ts';
import { targetsText } from '../report/targetsText.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { profileFromArgs, withJson, withProfile } from './options.ts';

interface TargetsArgs {
  app?: string[];
  target?: string[];
  encoding?: string[];
  gpu?: string[];
  targets?: string;
  json: boolean;
  profile?: string;
}

const list = (v: unknown) =>
  v === undefined
    ? undefined
    : ([] as unknown[])
        .concat(v)
        .flatMap((x) => String(x).split(','))
        .filter(Boolean);

/** True for a file, false for a folder; a missing path, a symlink loop or a device is bad input naming the flag. */
function isTargetFile(path: string): boolean {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new FlagError('targets', path, `cannot read (${code}); expected a target file or folder`);
  }
  if (!st.isFile() && !st.isDirectory())
    throw new FlagError('targets', path, 'expected a target file or folder');
  return st.isFile();
}

function readTargets(path: string | undefined, names: string[] | undefined): DeviceTarget[] {
  const all = !path ? loadTargets() : isTargetFile(path) ? [loadTargetFile(path)] : loadTargets(path);
  if (!names) return all;
  for (const n of names) {
    if (!all.some((t) => t.name === n)) {
      throw new FlagError('target', n, `expected one of ${all.map((t) => t.name).join(', ')}`);
    }
  }
  return all.filter((t) => names.includes(t.name));
}

export const targetsCommand: CommandBody<TargetsArgs> = {
  builder: (y) =>
    withProfile(withJson(y))
      .option('app', {
        type: 'string',
        array: true,
        coerce: list,
        describe: 'apps (default all): nerf,nsdf,gia,nvr',
      })
      .option('target', { type: 'string', array: true, coerce: list, describe: 'target names (default all)' })
      .option('encoding', { type: 'string', array: true, coerce: list, describe: 'encodings (default all)' })
      .option('gpu', { type: 'string', array: true, coerce: list, describe: 'GPU presets (default all)' })
      .option('targets', { type: 'string', describe: `a target file or folder (default ${TARGETS_DIR})` })
      .example(
        '$0 targets --app nerf',
        'NeRF against every target (text: the RTX 3090 alone and with NGPC-64)',
      )
      .example(
        '$0 targets --json',
        'every app x encoding x platform x target row, and the summaries, as JSON',
      ),
  handler: (argv) => {
    const targets = readTargets(argv.targets, argv.target);
    const result = targetGaps({
      targets,
      apps: argv.app,
      encodings: argv.encoding,
      gpus: argv.gpu,
      profile: profileFromArgs(argv),
    });
    if (argv.json) return printJson(result);
    const gpus = argv.gpu ?? [PAPER_GPU];
    const ngpc = ngpcConfigNames()
      .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]))
      .at(-1)!;
    println(
      targetsText(result, {
        gpu: gpus.includes(PAPER_GPU) ? PAPER_GPU : gpus[0]!,
        ngpc,
        encoding: argv.encoding?.includes('hashgrid') || !argv.encoding ? 'hashgrid' : argv.encoding[0]!,
      }),
    );
  },
};
