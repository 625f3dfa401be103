// Reading an input file safely: it must be a regular file below a size limit, checked before any byte is read
// (issue 14: `--config /dev/zero` grew to 11 GB, a model header's `scene.image: "/dev/zero"` to 14.5 GB).
import { readFileSync, statSync } from 'node:fs';
import { NgpcInputError } from '../errors.ts';

const MiB = 1024 * 1024;

/** Largest input of each kind, in bytes. JSON is bounded by V8's longest string (~512 MiB) anyway. */
export const INPUT_MAX_BYTES = {
  json: 512 * MiB,
  matrix: 2048 * MiB,
  model: 2048 * MiB,
  image: 256 * MiB,
  mesh: 1024 * MiB,
  volume: 2048 * MiB,
} as const;

export interface InputFileOptions {
  /** How the file is named in messages, e.g. `--points pts.npy` or `m.ngpc: $.scene.image`. Default: the path. */
  label?: string;
  /** What the file is, after "cannot read", e.g. `model file`. */
  what?: string;
  /** Text after "expected", e.g. `a readable JSON file`. */
  expected?: string;
  maxBytes: number;
}

function errnoOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** Throws unless `path` is a regular file (after symlinks) of at most `maxBytes`; returns its size. */
export function checkInputFile(path: string, opts: InputFileOptions): number {
  const label = opts.label ?? path;
  const expected = opts.expected ? `: expected ${opts.expected}` : '';
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) {
      throw new NgpcInputError(
        `${label}: ${st.isDirectory() ? 'is a folder' : 'is not a regular file (a device, pipe or socket)'}${expected || ': expected a regular file'}`,
      );
    }
    size = st.size;
  } catch (e) {
    if (e instanceof NgpcInputError) throw e;
    throw new NgpcInputError(
      `${label}: cannot read${opts.what ? ` ${opts.what}` : ''} (${errnoOf(e)})${expected}`,
    );
  }
  if (size > opts.maxBytes) {
    throw new NgpcInputError(
      `${label}: ${size} bytes, over the ${opts.maxBytes}-byte limit for this input${expected}`,
    );
  }
  return size;
}

/** Reads an input file after `checkInputFile`; every failure is an NgpcInputError naming it. */
export function readInputFile(path: string, opts: InputFileOptions): Buffer {
  checkInputFile(path, opts);
  try {
    return readFileSync(path);
  } catch (e) {
    const expected = opts.expected ? `: expected ${opts.expected}` : '';
    throw new NgpcInputError(
      `${opts.label ?? path}: cannot read${opts.what ? ` ${opts.what}` : ''} (${errnoOf(e)})${expected}`,
    );
  }
}
