// A sweep output folder's manifest (sweep.json): which sweep, by content, which points, and how many rows.
import { z } from 'zod';
import { DEFAULT_PROFILE } from '../../../config/profile.ts';
import { STATS_COLUMNS } from '../stats.ts';
import type { SweepPlan } from './plan.ts';
import type { SweepShard } from './shard.ts';

export const SWEEP_OUTPUT_FORMAT = 'ngpc-sweep-output/2';

const hash = z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'expected "sha256:" and 64 hex digits' });
const count = z.number().int().min(0);

/** sweep.json: written last, so a folder with one holds complete points.csv, points.jsonl and errors.jsonl. */
export const sweepManifestSchema = z
  .strictObject({
    format: z.literal(SWEEP_OUTPUT_FORMAT, { error: `expected "${SWEEP_OUTPUT_FORMAT}"` }),
    /** The sweep file as named when it ran (for people; merging compares the hashes). */
    sweep: z.string(),
    /** sha256 of the base (with --profile applied) and the axes, as canonical JSON (hash.ts). */
    sweepHash: hash,
    /** sha256 of the model configs the points read (config/configsHash.ts). */
    configsHash: hash,
    /** The model profile of every point, or "axis" when an axis named profile varies it. */
    profile: z.string().min(1),
    totalPoints: count,
    shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }),
    /** The points [start, end) of the full expansion this folder holds. */
    range: z.strictObject({ start: count, end: count }),
    columns: z.array(z.string()).min(1),
    /** Lines of points.jsonl (and of points.csv after its header) and of errors.jsonl. */
    rows: count,
    errors: count,
  })
  .refine((m) => m.range.start <= m.range.end && m.range.end <= m.totalPoints, {
    error: 'expected 0 <= range.start <= range.end <= totalPoints',
    path: ['range'],
  })
  .refine((m) => m.rows + m.errors === m.range.end - m.range.start, {
    error: 'expected rows + errors = range.end - range.start',
    path: ['rows'],
  });
export type SweepManifest = z.output<typeof sweepManifestSchema>;

/** The columns of points.csv and the keys of each points.jsonl line. */
export function sweepColumns(): string[] {
  return ['index', ...STATS_COLUMNS.map((c) => c.key)];
}

/** The profile recorded for a plan: the base's (after --profile), or "axis" when an axis varies it. */
export function sweepProfile(plan: Pick<SweepPlan, 'base' | 'axes'>): string {
  if (plan.axes.some(([key]) => key === 'profile')) return 'axis';
  const base = plan.base as { profile?: unknown } | null;
  const profile = base && typeof base === 'object' ? base.profile : undefined;
  return typeof profile === 'string' && profile.length > 0 ? profile : DEFAULT_PROFILE;
}

/** The manifest of a finished run of `range` of a plan. */
export function sweepManifest(
  plan: SweepPlan,
  hashes: { sweepHash: string; configsHash: string },
  shard: SweepShard,
  range: { start: number; end: number },
  counts: { rows: number; errors: number },
): SweepManifest {
  return {
    format: SWEEP_OUTPUT_FORMAT,
    sweep: plan.file,
    ...hashes,
    profile: sweepProfile(plan),
    totalPoints: plan.totalPoints,
    shard,
    range,
    columns: sweepColumns(),
    ...counts,
  };
}
