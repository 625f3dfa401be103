// Atomic output files: write to a temp file beside the target, then rename, so nothing is half-written.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { NgpcInputError } from '../errors.ts';
import { checkOutputFile } from './outputGuard.ts';

// Errors that mean the path the user gave cannot hold the file (exit 2); others (ENOSPC, EIO) are runtime failures.
const PATH_ERRNOS = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'EISDIR',
  'ENOENT',
  'EEXIST',
  'ENAMETOOLONG',
  'ELOOP',
]);

/** Writes `data` to `path` atomically; refuses (exit 2) a folder, device or other non-regular file at `path`. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  checkOutputFile({ flag: '', path });
  const dir = dirname(path);
  const tmp = join(dir, `.ngpc-tmp-${process.pid}-${basename(path)}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code && PATH_ERRNOS.has(code)) {
      throw new NgpcInputError(
        `${JSON.stringify(path)}: cannot write (${code}); expected a writable file path`,
      );
    }
    throw e;
  }
}

/** Stable JSON text for results files: 2-space indent, trailing newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Reads the JSON object in `path`, lets `edit` change it, and writes it back atomically (stable JSON text). */
export function rewriteJsonFile(path: string, edit: (raw: Record<string, unknown>) => void): void {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(raw);
  writeFileAtomic(path, jsonText(raw));
}
