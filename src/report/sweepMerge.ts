// Merges shard output folders into one: check the manifests, stream-copy every shard's lines in point order.
import { join } from 'node:path';
import { ConfigError } from '../errors.ts';
import type { SweepManifest } from '../model/frame/sweep/manifest.ts';
import { type MergeShard, planMerge } from '../model/frame/sweep/merge.ts';
import type { SweepError } from '../model/frame/sweep/output.ts';
import { csvHeader } from './csv.ts';
import { openOutputFolder } from './outputFolder.ts';
import {
  forEachLine,
  PRINTED_ERRORS,
  readSweepManifest,
  SWEEP_CSV,
  SWEEP_ERRORS,
  SWEEP_FILES,
  SWEEP_ROWS,
  SweepFilesWriter,
} from './sweepFiles.ts';

export interface MergeResult {
  manifest: SweepManifest;
  files: string[];
  /** The first PRINTED_ERRORS bad points (all are in errors.jsonl). */
  firstErrors: SweepError[];
}

/** Copies one JSON-lines file, checking each line is an object whose index lies in the shard's range, ascending. */
async function copyJsonLines(
  s: MergeShard,
  name: string,
  expectedLines: number,
  onLine: (line: string, record: { index: number }) => void,
): Promise<void> {
  const file = join(s.dir, name);
  const { start, end } = s.manifest.range;
  let previous = start - 1;
  let lines = 0;
  await forEachLine(file, (line, lineNo) => {
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      record = undefined;
    }
    const index = (record as { index?: unknown } | undefined)?.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index <= previous || index >= end) {
      throw new ConfigError(file, [
        {
          path: `line ${lineNo} $.index`,
          value: index ?? line,
          message: `expected a JSON object whose index rises within ${start}-${end - 1} (the shard's range)`,
        },
      ]);
    }
    previous = index;
    lines++;
    onLine(line, record as { index: number });
  });
  if (lines !== expectedLines)
    throw new ConfigError(file, [
      { path: '$', value: lines, message: `expected ${expectedLines} lines, as sweep.json records` },
    ]);
}

/** Copies a shard's CSV body (its header must match the columns) and checks its line count. */
async function copyCsv(s: MergeShard, writer: SweepFilesWriter): Promise<void> {
  const file = join(s.dir, SWEEP_CSV);
  const header = csvHeader(s.manifest.columns).trimEnd();
  let lines = 0;
  await forEachLine(file, (line, lineNo) => {
    if (lineNo === 1) {
      if (line !== header)
        throw new ConfigError(file, [
          { path: 'line 1', message: 'expected the header of sweep.json columns' },
        ]);
      return;
    }
    lines++;
    writer.appendRaw('csv', `${line}\n`);
  });
  if (lines !== s.manifest.rows)
    throw new ConfigError(file, [
      { path: '$', value: lines, message: `expected ${s.manifest.rows} rows, as sweep.json records` },
    ]);
}

/** Merges shard folders `dirs` into `out`; nothing is written unless every shard checks out. */
export async function mergeSweepFolders(dirs: string[], out: string): Promise<MergeResult> {
  const shards = dirs.map(readSweepManifest);
  const { order, manifest } = planMerge(shards);
  const folder = openOutputFolder(out, {
    command: 'ngpc merge',
    inputs: dirs.map((d) => ({ path: d, what: 'the shard folder' })),
    owned: SWEEP_FILES,
  });
  try {
    const writer = new SweepFilesWriter(folder.tmp, manifest.columns);
    const firstErrors: SweepError[] = [];
    for (const s of order) {
      await copyCsv(s, writer);
      await copyJsonLines(s, SWEEP_ROWS, s.manifest.rows, (line) => writer.appendRaw('rows', `${line}\n`));
      await copyJsonLines(s, SWEEP_ERRORS, s.manifest.errors, (line, record) => {
        writer.appendRaw('errors', `${line}\n`);
        if (firstErrors.length < PRINTED_ERRORS) firstErrors.push(record as SweepError);
      });
    }
    const names = writer.finish(manifest);
    folder.commit();
    return { manifest, files: names.map((n) => join(out, n)), firstErrors };
  } catch (e) {
    folder.discard();
    throw e;
  }
}
