// Output paths checked before any work: never an input of the same command (same file after symlinks and hard links),
// never a folder, device or other non-regular file, never a path whose parent is a file (issue 14, Deliver 1).
import { statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { NgpcInputError } from '../errors.ts';

/** A path and the flag (without dashes) or description it came from, e.g. `{ flag: 'out', path: 'a.png' }`. */
export interface NamedPath {
  flag: string;
  path: string;
  /** Replaces `--flag "path"` in messages, for paths that come from a file (`m.ngpc: $.scene.image`). */
  label?: string;
}

function labelOf(p: NamedPath): string {
  if (p.label) return p.label;
  return p.flag ? `--${p.flag} ${JSON.stringify(p.path)}` : JSON.stringify(p.path);
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The nearest existing ancestor folder of `path` must be a folder (so `afile/x.npy` is refused, not ENOTDIR). */
function checkParent(out: NamedPath): void {
  let dir = dirname(out.path);
  for (;;) {
    const st = statOrNull(dir);
    if (st) {
      if (!st.isDirectory()) {
        throw new NgpcInputError(
          `${labelOf(out)}: ${JSON.stringify(dir)} is not a folder; expected a path in a folder`,
        );
      }
      return;
    }
    const up = dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}

/** An output file: a non-empty file name, not an existing folder or non-regular file, below a folder. */
export function checkOutputFile(out: NamedPath): void {
  const label = labelOf(out);
  if (out.path === '') throw new NgpcInputError(`${label}: empty; expected an output file name`);
  if (out.path.endsWith('/') || out.path.endsWith(sep)) {
    throw new NgpcInputError(`${label}: names a folder; expected an output file name`);
  }
  const st = statOrNull(out.path);
  if (st?.isDirectory()) throw new NgpcInputError(`${label}: is a folder; expected an output file name`);
  if (st && !st.isFile()) {
    throw new NgpcInputError(
      `${label}: is not a regular file (a device, pipe or socket); ngpc replaces only regular files`,
    );
  }
  checkParent(out);
}

/** An output folder: non-empty, not an existing file, below a folder. */
export function checkOutputDir(out: NamedPath): void {
  const label = labelOf(out);
  if (out.path === '') throw new NgpcInputError(`${label}: empty; expected an output folder`);
  const st = statOrNull(out.path);
  if (st && !st.isDirectory())
    throw new NgpcInputError(`${label}: is not a folder; expected an output folder`);
  checkParent(out);
}

/** True when both paths exist and are the same file (same device and inode, after symlinks). */
export function sameFile(a: string, b: string): boolean {
  const sa = statOrNull(a);
  const sb = sa && statOrNull(b);
  return Boolean(sa && sb && sa.dev === sb.dev && sa.ino === sb.ino);
}

/** Refuses an output that resolves to one of the inputs, naming both flags. Undefined inputs are skipped. */
export function refuseInputAsOutput(out: NamedPath, inputs: readonly (NamedPath | undefined)[]): void {
  for (const input of inputs) {
    if (input && input.path !== '' && sameFile(out.path, input.path)) {
      throw new NgpcInputError(
        `${labelOf(out)}: is the same file as ${labelOf(input)}; expected a different output (ngpc never overwrites its inputs)`,
      );
    }
  }
}

/** Both checks of an output file, before any work: `checkOutputFile` then `refuseInputAsOutput`. */
export function guardOutputFile(out: NamedPath, inputs: readonly (NamedPath | undefined)[] = []): void {
  checkOutputFile(out);
  refuseInputAsOutput(out, inputs);
}
