// A sweep's output folder: points.csv and points.jsonl (one row per point), errors.jsonl, and sweep.json last.
import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, readJsonFile } from '../config/load.ts';
import { ConfigError, NgpcInputError } from '../errors.ts';
import { jsonText } from '../io/write.ts';
import { type SweepManifest, sweepManifestSchema } from '../model/frame/sweep/manifest.ts';
import type { SweepChunk } from '../model/frame/sweep/parallel.ts';
import { csvBody, csvHeader } from './csv.ts';

export const SWEEP_CSV = 'points.csv';
export const SWEEP_ROWS = 'points.jsonl';
export const SWEEP_ERRORS = 'errors.jsonl';
export const SWEEP_MANIFEST = 'sweep.json';
/** The one-file output of ngpc before streaming (replaced when found in an output folder, never read). */
export const SWEEP_LEGACY_JSON = 'points.json';
/** Every name a sweep or merge writes into its folder: an existing folder holding only these may be replaced. */
export const SWEEP_FILES = [SWEEP_CSV, SWEEP_ROWS, SWEEP_ERRORS, SWEEP_MANIFEST, SWEEP_LEGACY_JSON] as const;

/** Files written by appending: nothing is held in memory beyond the chunk being written. */
export class SweepFilesWriter {
  private readonly fds: { csv: number; rows: number; errors: number };
  rows = 0;
  errors = 0;

  constructor(
    readonly dir: string,
    private readonly columns: string[],
  ) {
    const open = (name: string) => openSync(join(dir, name), 'wx');
    this.fds = { csv: open(SWEEP_CSV), rows: open(SWEEP_ROWS), errors: open(SWEEP_ERRORS) };
    writeSync(this.fds.csv, csvHeader(columns));
  }

  /** One chunk of results, in point order. */
  append({ rows, errors }: SweepChunk): void {
    if (rows.length > 0) {
      writeSync(this.fds.csv, csvBody(this.columns, rows));
      writeSync(this.fds.rows, jsonLines(rows));
    }
    if (errors.length > 0) writeSync(this.fds.errors, jsonLines(errors));
    this.rows += rows.length;
    this.errors += errors.length;
  }

  /** Raw bytes for one of the files (merge copies shard files through unchanged). */
  appendRaw(file: 'csv' | 'rows' | 'errors', data: string | Uint8Array): void {
    if (typeof data === 'string') writeSync(this.fds[file], data);
    else writeSync(this.fds[file], data);
  }

  /** Closes the files and writes sweep.json, the mark of a complete folder. Returns the paths written. */
  finish(manifest: SweepManifest): string[] {
    for (const fd of Object.values(this.fds)) closeSync(fd);
    const names = [SWEEP_CSV, SWEEP_ROWS, SWEEP_ERRORS, SWEEP_MANIFEST];
    const fd = openSync(join(this.dir, SWEEP_MANIFEST), 'wx');
    writeSync(fd, jsonText(manifest));
    closeSync(fd);
    return names;
  }
}

function jsonLines(records: readonly unknown[]): string {
  return `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
}

/** An output folder's manifest, checked; a folder from an older ngpc or not from ngpc is named as such. */
export function readSweepManifest(dir: string): { dir: string; file: string; manifest: SweepManifest } {
  const file = join(dir, SWEEP_MANIFEST);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new NgpcInputError(`${dir}: not a folder: expected an output folder of ngpc sweep`);
  if (!existsSync(file)) {
    const legacy = existsSync(join(dir, SWEEP_LEGACY_JSON));
    throw new NgpcInputError(
      `${file}: missing: expected the manifest ngpc sweep writes last${legacy ? ` (${dir} holds ${SWEEP_LEGACY_JSON} from an older ngpc; rerun ngpc sweep)` : ' (an unfinished or foreign folder)'}`,
    );
  }
  if (!statSync(file).isFile()) throw new NgpcInputError(`${file}: not a regular file: expected sweep.json`);
  return { dir, file, manifest: parseConfig(readJsonFile(file), sweepManifestSchema, file) };
}

/** Calls `onLine` for each line of a file without reading it whole; yields to the event loop between blocks. */
export async function forEachLine(
  file: string,
  onLine: (line: string, lineNo: number) => void,
  blockBytes = 1 << 20,
): Promise<void> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new NgpcInputError(
      `${file}: missing or not a regular file: expected the file ngpc sweep wrote there`,
    );
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(blockBytes);
    let pending = '';
    let lineNo = 0;
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      // Decode whole lines only: a multi-byte character may straddle blocks.
      const text = pending + buf.toString('latin1', 0, n);
      const lines = text.split('\n');
      pending = lines.pop()!;
      for (const line of lines) onLine(Buffer.from(line, 'latin1').toString('utf8'), ++lineNo);
      await new Promise((r) => setImmediate(r));
    }
    if (pending !== '') {
      throw new ConfigError(file, [
        { path: `line ${lineNo + 1}`, message: 'expected a line ending in a newline (a truncated file?)' },
      ]);
    }
  } finally {
    closeSync(fd);
  }
}

/** The first errors, for printing (the rest are in errors.jsonl). */
export const PRINTED_ERRORS = 20;
