// Merging sweep shards: check that shard folders hold one sweep (by content) and cover its points exactly once.
import { ConfigError, NgpcInputError } from '../../../errors.ts';
import type { SweepManifest } from './manifest.ts';
import { shardRange } from './shard.ts';

/** One shard folder's manifest, and the file it came from (for messages). */
export interface MergeShard {
  dir: string;
  file: string;
  manifest: SweepManifest;
}

const short = (hash: string) => `${hash.slice(0, 19)}...`;
const points = (r: { start: number; end: number }) => `points ${r.start}-${r.end - 1}`;

/** Every shard must come from the same sweep and configs as the first, by hash (never by the path string). */
function checkSameSweep(first: MergeShard, s: MergeShard): void {
  const expect = (path: string, value: unknown, message: string) => {
    throw new ConfigError(s.file, [{ path, value, message }]);
  };
  const a = first.manifest;
  const b = s.manifest;
  if (b.sweepHash !== a.sweepHash)
    expect(
      '$.sweepHash',
      short(b.sweepHash),
      `expected ${short(a.sweepHash)} as in ${first.file}: a shard of a different or edited sweep (${b.sweep} vs ${a.sweep})`,
    );
  if (b.configsHash !== a.configsHash)
    expect(
      '$.configsHash',
      short(b.configsHash),
      `expected ${short(a.configsHash)} as in ${first.file}: the shards ran on different model configs`,
    );
  if (b.totalPoints !== a.totalPoints)
    expect('$.totalPoints', b.totalPoints, `expected ${a.totalPoints} as in ${first.file}`);
  if (b.columns.join(',') !== a.columns.join(','))
    expect('$.columns', b.columns.length, `expected the ${a.columns.length} columns of ${first.file}`);
}

/** Why points [start, end) are in no shard: the missing shard k/n when every shard split the sweep n ways. */
function missingMessage(shards: MergeShard[], gap: { start: number; end: number }, total: number): string {
  const n = shards[0]!.manifest.shard.count;
  const given = `among ${shards.map((s) => s.dir).join(', ')}`;
  if (shards.every((s) => s.manifest.shard.count === n)) {
    const have = new Set(shards.map((s) => s.manifest.shard.index));
    const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !have.has(k));
    const ranges = missing.map((k) => `${k}/${n} (${points(shardRange(total, { index: k, count: n }))})`);
    return `merge: shard ${ranges.join(', ')} of ${total} points missing: expected the output folder of ngpc sweep --shard ${missing[0]}/${n} ${given}`;
  }
  return `merge: ${points(gap)} of ${total} are in no shard folder ${given}`;
}

/**
 * Checks shard folders against each other and returns them in point order with the merged manifest, which equals
 * the manifest of the unsharded run (so merged folders are byte-identical to one run's).
 */
export function planMerge(shards: MergeShard[]): { order: MergeShard[]; manifest: SweepManifest } {
  if (shards.length === 0) throw new NgpcInputError('merge: expected at least one sweep output folder');
  const first = shards[0]!;
  for (const s of shards.slice(1)) checkSameSweep(first, s);
  const total = first.manifest.totalPoints;
  // Empty shards (more shards than points) hold nothing; sorting by start then end puts them first.
  const order = [...shards].sort(
    (a, b) => a.manifest.range.start - b.manifest.range.start || a.manifest.range.end - b.manifest.range.end,
  );
  let covered = 0;
  let previous: MergeShard | undefined;
  for (const s of order) {
    const r = s.manifest.range;
    if (r.start < covered && r.end > r.start) {
      throw new NgpcInputError(
        `${s.dir}: ${points(r)} (shard ${s.manifest.shard.index}/${s.manifest.shard.count}) are also in ${previous!.dir}: expected each shard once`,
      );
    }
    if (r.start > covered)
      throw new NgpcInputError(missingMessage(shards, { start: covered, end: r.start }, total));
    if (r.end > r.start) {
      covered = r.end;
      previous = s;
    }
  }
  if (covered < total)
    throw new NgpcInputError(missingMessage(shards, { start: covered, end: total }, total));
  const rows = shards.reduce((n, s) => n + s.manifest.rows, 0);
  const errors = shards.reduce((n, s) => n + s.manifest.errors, 0);
  return {
    order: order.filter((s) => s.manifest.range.end > s.manifest.range.start),
    manifest: {
      ...first.manifest,
      shard: { index: 1, count: 1 },
      range: { start: 0, end: total },
      rows,
      errors,
    },
  };
}
