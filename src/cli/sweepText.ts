// Lines `ngpc sweep` and `ngpc merge` print on stderr: the size of a run before it starts, and its bad points.
import type { SweepJobs } from '../model/frame/sweep/jobs.ts';
import type { SweepError } from '../model/frame/sweep/output.ts';
import type { SweepShard } from '../model/frame/sweep/shard.ts';
import { io } from './io.ts';

/** States the work before it starts (issue 14: a sweep says how big it is), and notes a --jobs capped by cores. */
export function sweepStartLine(
  name: string,
  shard: SweepShard,
  jobs: SweepJobs,
  out: string,
  info: { totalPoints: number; range: { start: number; end: number }; threads: number; cores: number },
): string {
  const { start, end } = info.range;
  const slice =
    shard.count > 1
      ? `, shard ${shard.index}/${shard.count} runs ${end - start} (points ${start}-${end - 1})`
      : '';
  const threads = `${info.threads} ${info.threads === 1 ? 'thread' : 'threads'}`;
  const capped =
    typeof jobs === 'number' && jobs > info.cores
      ? ` (--jobs ${jobs} capped to the ${info.cores} available cores)`
      : '';
  return `sweep ${name}: ${info.totalPoints} points${slice} on ${threads}${capped} -> ${out}\n`;
}

/** One line per bad point, the first few only; the rest are in errors.jsonl. */
export function printSweepErrors(first: SweepError[], total: number, files: string[]): void {
  for (const e of first) io().err(`ngpc: point ${e.index} ${JSON.stringify(e.assignment)}: ${e.message}\n`);
  const errorsFile = files.find((f) => f.endsWith('errors.jsonl'));
  if (total > first.length)
    io().err(`ngpc: ... and ${total - first.length} more bad points in ${errorsFile}\n`);
}
