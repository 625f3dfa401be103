// Sweep planning: a sweep file's base and axes, its point count (before expanding) and the point at any index.
import { dirname, resolve } from 'node:path';
import { loadConfig, readJsonFile } from '../../../config/load.ts';
import type { ProfileName } from '../../../config/profile.ts';
import { applyAssignment, type SweepAssignment, sweepFileSchema } from '../../../config/sweep.ts';
import { NgpcInputError } from '../../../errors.ts';
import { type DesignPoint, parseDesignPoint } from '../designPoint.ts';

/** One point of a sweep: its index in the full expansion and either a parsed point or why it is invalid. */
export interface SweepPoint {
  index: number;
  assignment: Record<string, unknown>;
  point?: DesignPoint;
  error?: string;
}

/**
 * A sweep, unexpanded: plain data (it crosses to worker threads) from which any point is built by its index, so a
 * sweep of any size is counted and sharded without materialising its points.
 */
export interface SweepPlan {
  /** The sweep file as named (messages and the output's `sweep` field). */
  file: string;
  /** The base file, when the sweep names one (an input the output must not overwrite). */
  baseFile?: string;
  /** The base config, with `--profile` applied. */
  base: unknown;
  /** Axes in file order: the last varies fastest. */
  axes: [string, unknown[]][];
  totalPoints: number;
}

/** Reads a sweep file and its base; `profile` (the `--profile` flag) replaces the base's profile. */
export function planSweep(file: string, opts: { profile?: ProfileName } = {}): SweepPlan {
  const sweep = loadConfig(file, sweepFileSchema);
  const baseFile = typeof sweep.base === 'string' ? resolve(dirname(file), sweep.base) : undefined;
  let base = baseFile ? readJsonFile(baseFile) : sweep.base;
  // A base that is not an object is left alone: every point then fails the design-point schema, naming it.
  if (opts.profile !== undefined && base && typeof base === 'object' && !Array.isArray(base))
    base = { ...base, profile: opts.profile };
  const axes = Object.entries(sweep.axes);
  const totalPoints = sweepPointCount(axes);
  // An axis that cannot apply to the base ("ngpc.nfps" on a string) fails here, once, before any work.
  if (totalPoints > 0) applyAssignment(base, sweepAssignment(axes, 0), file);
  return { file, baseFile, base, axes, totalPoints };
}

/** The product of the axis lengths (a float: it may exceed the safe-integer range, and is only compared then). */
export function sweepPointCount(axes: readonly [string, readonly unknown[]][]): number {
  return axes.reduce((n, [, values]) => n * values.length, 1);
}

/** The assignment of point `index`: mixed-radix digits of the index, the last axis varying fastest. */
export function sweepAssignment(
  axes: readonly [string, readonly unknown[]][],
  index: number,
): SweepAssignment {
  const digits: number[] = new Array(axes.length);
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const n = axes[a]![1].length;
    digits[a] = rest % n;
    rest = Math.floor(rest / n);
  }
  const assignment: SweepAssignment = {};
  axes.forEach(([key, values], a) => {
    assignment[key] = values[digits[a]!];
  });
  return assignment;
}

/** Point `index` of a plan: parsed, or the reason it is invalid (a bad point is reported, not fatal). */
export function sweepPointAt(plan: Pick<SweepPlan, 'file' | 'base' | 'axes'>, index: number): SweepPoint {
  const assignment = sweepAssignment(plan.axes, index);
  try {
    // Inside the try: on a worker thread an error would lose its class (and exit 1); here it is the point's.
    const raw = applyAssignment(plan.base, assignment, plan.file);
    return { index, assignment, point: parseDesignPoint(raw, `${plan.file} point ${index}`) };
  } catch (e) {
    if (e instanceof NgpcInputError) return { index, assignment, error: e.message };
    throw e;
  }
}

/** Points [start, end) of a plan. */
export function sweepPoints(plan: SweepPlan, start = 0, end = plan.totalPoints): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (let i = start; i < end; i++) points.push(sweepPointAt(plan, i));
  return points;
}

/** Expands a whole sweep file into its points, in stable order (small sweeps and tests; big ones stream). */
export function expandSweepFile(file: string): SweepPoint[] {
  return sweepPoints(planSweep(file));
}
