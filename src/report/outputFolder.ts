// Output folders replaced whole: written in a temp folder beside the target and swapped in by rename at the end,
// so a reader, a crash before the swap or a signal sees the old outputs or the new ones, never a mix.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { NgpcInputError, OptionError, showValue } from '../errors.ts';

/** An input of the command, which the output folder must neither be nor contain. */
export interface CommandInput {
  path: string;
  /** How the message names it: the argument it came from, e.g. `the sweep file` or `the shard folder`. */
  what: string;
}

export interface OutputFolder {
  /** Where to write; becomes the target at `commit`. */
  tmp: string;
  /** Swaps the temp folder in (an existing target is renamed aside first, then removed). */
  commit(): void;
  /** Removes the temp folder (on failure). */
  discard(): void;
}

/** Temp folders of this process start with this; tests check none are left behind. */
export const TEMP_PREFIX = '.ngpc-tmp-';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function kindOf(path: string): string {
  const s = statSync(path);
  if (s.isFile()) return 'a file';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isFIFO()) return 'a pipe';
  if (s.isSocket()) return 'a socket';
  return 'not a folder';
}

const inside = (path: string, folder: string) => path === folder || path.startsWith(folder + sep);

/** realpath of an existing path, else of its nearest existing ancestor joined with the rest. */
function realish(path: string): string {
  const abs = resolve(path);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realish(parent), basename(abs));
}

/**
 * Creates `dir` and its missing parents one level at a time: Node's recursive mkdir loops forever where a parent
 * refuses new entries (`/proc/x`, issue 14).
 */
function makeFolders(dir: string, flag: string, target: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) makeFolder(d, flag, target);
}

/** mkdir `dir` (first removing it when `replace`); a failure is the output option's, naming the folder and code. */
function makeFolder(dir: string, flag: string, target: string, replace = false): void {
  try {
    if (replace) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new OptionError(
      flag,
      target,
      `cannot create ${dir} (${code}): expected a folder that can be written`,
    );
  }
}

/**
 * Opens `target` (the `--out` folder) for replacement. Refused (exit 2, naming the flag and the input): an empty
 * path, a target that is not a folder (a file, a device), a target that is or holds one of `inputs`, and a folder
 * holding anything but the names in `owned` (what the command writes), so no other file is ever replaced.
 * Until `commit` or `discard`, SIGINT/SIGTERM/SIGHUP remove the temp folder and then end the process as the
 * signal would have.
 */
export function openOutputFolder(
  target: string,
  opts: { flag?: string; command: string; inputs: CommandInput[]; owned: readonly string[] },
): OutputFolder {
  const flag = opts.flag ?? 'out';
  if (target.trim() === '') throw new OptionError(flag, target, 'expected a folder path');
  const real = realish(target);
  const exists = existsSync(real);
  if (exists && !statSync(real).isDirectory())
    throw new OptionError(
      flag,
      target,
      `is ${kindOf(real)}: expected a folder (new, or one ${opts.command} wrote)`,
    );
  for (const input of opts.inputs) {
    if (existsSync(input.path) && inside(realpathSync(input.path), real)) {
      throw new NgpcInputError(
        `--${flag} ${showValue(target)} ${realpathSync(input.path) === real ? 'is' : 'holds'} ${input.what} ${showValue(input.path)}: expected an output folder apart from the inputs`,
      );
    }
  }
  if (exists) {
    for (const entry of readdirSync(real, { withFileTypes: true })) {
      if (!opts.owned.includes(entry.name) || !entry.isFile()) {
        throw new OptionError(
          flag,
          target,
          `holds ${showValue(entry.name)}, which ${opts.command} does not write: expected a new or empty folder, or an earlier ${opts.command} output`,
        );
      }
    }
  }
  const parent = dirname(real);
  makeFolders(parent, flag, target);
  const tmp = join(parent, `${TEMP_PREFIX}${process.pid}-${basename(real)}`);
  makeFolder(tmp, flag, target, true); // replacing one left by an earlier process with this pid
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    // With our listeners gone the default action applies again: the process ends as the signal intended.
    process.kill(process.pid, signal);
  };
  const release = () => {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    rmSync(tmp, { recursive: true, force: true });
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    tmp,
    // Synchronous from first rename to last: a signal is handled only before it starts or after it ends.
    commit() {
      for (const s of SIGNALS) process.removeListener(s, onSignal);
      if (!existsSync(real) || !lstatSync(real).isDirectory()) {
        renameSync(tmp, real);
        return;
      }
      const old = join(parent, `${TEMP_PREFIX}${process.pid}-old-${basename(real)}`);
      rmSync(old, { recursive: true, force: true });
      renameSync(real, old);
      try {
        renameSync(tmp, real);
      } catch (e) {
        renameSync(old, real);
        rmSync(tmp, { recursive: true, force: true });
        throw e;
      }
      rmSync(old, { recursive: true, force: true });
    },
    discard: release,
  };
}
