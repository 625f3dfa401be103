// Runs a sweep (or one shard) into its output folder: plan, check the size, stream chunks to the files, swap in.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { modelConfigsHash } from '../config/configsHash.ts';
import type { ProfileName } from '../config/profile.ts';
import { sweepHash } from '../model/frame/sweep/hash.ts';
import { type SweepJobs, sweepThreads } from '../model/frame/sweep/jobs.ts';
import { checkSweepSize } from '../model/frame/sweep/limit.ts';
import { type SweepManifest, sweepColumns, sweepManifest } from '../model/frame/sweep/manifest.ts';
import type { SweepError } from '../model/frame/sweep/output.ts';
import { runSweepChunks } from '../model/frame/sweep/parallel.ts';
import { planSweep } from '../model/frame/sweep/plan.ts';
import { type SweepShard, shardRange } from '../model/frame/sweep/shard.ts';
import { openOutputFolder } from './outputFolder.ts';
import { PRINTED_ERRORS, SWEEP_FILES, SweepFilesWriter } from './sweepFiles.ts';

export interface SweepRunOptions {
  file: string;
  out: string;
  shard: SweepShard;
  jobs: SweepJobs;
  /** Most points this run may evaluate (`--max-points`). */
  maxPoints: number;
  /** `--profile`: replaces the base's profile on every point. */
  profile?: ProfileName;
  /** Cores available (tests); default os.availableParallelism(). */
  cores?: number;
  /** Called once checks pass, before any point runs: the size and the threads chosen. */
  onStart?: (info: {
    totalPoints: number;
    range: { start: number; end: number };
    threads: number;
    cores: number;
  }) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface SweepRunResult {
  manifest: SweepManifest;
  files: string[];
  /** The first PRINTED_ERRORS bad points (all are in errors.jsonl). */
  firstErrors: SweepError[];
  threads: number;
}

/** Runs a sweep into `out`; the folder then holds either its earlier contents or this run's, never a mix. */
export async function runSweepToFolder(opts: SweepRunOptions): Promise<SweepRunResult> {
  const plan = planSweep(opts.file, { profile: opts.profile });
  const range = shardRange(plan.totalPoints, opts.shard);
  checkSweepSize(plan, range.end - range.start, opts.maxPoints);
  const hashes = { sweepHash: sweepHash(plan), configsHash: modelConfigsHash() };
  const cores = opts.cores ?? availableParallelism();
  const threads = Math.min(
    sweepThreads(opts.jobs, range.end - range.start, cores),
    Math.max(1, range.end - range.start),
  );
  const inputs = [{ path: plan.file, what: 'the sweep file' }];
  if (plan.baseFile) inputs.push({ path: plan.baseFile, what: "the sweep's base file" });
  const folder = openOutputFolder(opts.out, { command: 'ngpc sweep', inputs, owned: SWEEP_FILES });
  try {
    opts.onStart?.({ totalPoints: plan.totalPoints, range, threads, cores });
    const writer = new SweepFilesWriter(folder.tmp, sweepColumns());
    const firstErrors: SweepError[] = [];
    await runSweepChunks(plan, range, {
      threads,
      onProgress: opts.onProgress,
      onChunk: (chunk) => {
        writer.append(chunk);
        firstErrors.push(...chunk.errors.slice(0, PRINTED_ERRORS - firstErrors.length));
      },
    });
    const manifest = sweepManifest(plan, hashes, opts.shard, range, {
      rows: writer.rows,
      errors: writer.errors,
    });
    const names = writer.finish(manifest);
    folder.commit();
    return { manifest, files: names.map((n) => join(opts.out, n)), firstErrors, threads };
  } catch (e) {
    folder.discard();
    throw e;
  }
}
