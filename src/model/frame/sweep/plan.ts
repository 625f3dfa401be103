// Sweep planning: a sweep file's base and axes, its point count (before expanding) and the point at any index.
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { loadConfig, readJsonFile } from '../../../config/load.ts';
import type { ProfileName } from '../../../config/profile.ts';
import { applyAssignment, type SweepAssignment, sweepFileSchema } from '../../../config/sweep.ts';
import { ConfigError, NgpcInputError, showValue } from '../../../errors.ts';
import { type DesignPoint, designPointSchema, parseDesignPoint } from '../designPoint.ts';

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
  if (baseFile && (base === null || typeof base !== 'object' || Array.isArray(base))) {
    // The sweep file's own `base` is checked by its schema; a base file's content is checked here, naming that file.
    throw new ConfigError(baseFile, [
      { path: '$', message: `${showValue(base)}: expected a design-point object (the sweep's base)` },
    ]);
  }
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

/** The value index of each axis for point `index`: mixed-radix digits of the index, the last axis fastest. */
function sweepDigits(axes: readonly [string, readonly unknown[]][], index: number): number[] {
  const digits: number[] = new Array(axes.length);
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const n = axes[a]![1].length;
    digits[a] = rest % n;
    rest = Math.floor(rest / n);
  }
  return digits;
}

function assignmentOf(axes: readonly [string, readonly unknown[]][], digits: number[]): SweepAssignment {
  const assignment: SweepAssignment = {};
  axes.forEach(([key, values], a) => {
    assignment[key] = values[digits[a]!];
  });
  return assignment;
}

/** The assignment of point `index`: mixed-radix digits of the index, the last axis varying fastest. */
export function sweepAssignment(
  axes: readonly [string, readonly unknown[]][],
  index: number,
): SweepAssignment {
  return assignmentOf(axes, sweepDigits(axes, index));
}

/**
 * A plan's points parsed by parts. Parsing a point whole cost more than evaluating it; the design-point schema is a
 * strict object of independent fields, so when every axis is one of its top-level keys a point is the first point
 * (parsed whole, once) with each axis value parsed alone (once per value). A value its field refuses leaves the
 * point to the whole parse, so errors read the same.
 */
interface PointParts {
  first: DesignPoint;
  /** Per axis, per value index: the parsed value, or null where the field refuses it. */
  values: ({ value: unknown } | null | undefined)[][];
}

const FIELDS = designPointSchema.shape as Record<string, z.ZodType>;
const partsByPlan = new WeakMap<object, PointParts | null>();

function pointParts(plan: Pick<SweepPlan, 'file' | 'base' | 'axes'>): PointParts | null {
  let parts = partsByPlan.get(plan);
  if (parts === undefined) {
    parts = null;
    if (plan.axes.length > 0 && plan.axes.every(([key]) => Object.hasOwn(FIELDS, key))) {
      const first = wholePoint(plan, 0, sweepAssignment(plan.axes, 0));
      if (first.point) parts = { first: first.point, values: plan.axes.map(([, v]) => new Array(v.length)) };
    }
    partsByPlan.set(plan, parts);
  }
  return parts;
}

function pointFromParts(
  parts: PointParts,
  axes: SweepPlan['axes'],
  digits: number[],
): DesignPoint | undefined {
  const point: Record<string, unknown> = { ...parts.first };
  for (let a = 0; a < axes.length; a++) {
    const [key, values] = axes[a]!;
    const d = digits[a]!;
    let parsed = parts.values[a]![d];
    if (parsed === undefined) {
      const r = FIELDS[key]!.safeParse(values[d]);
      parsed = parts.values[a]![d] = r.success ? { value: r.data } : null;
    }
    if (parsed === null) return undefined;
    point[key] = parsed.value;
  }
  return point as DesignPoint;
}

/** Point `index` parsed whole: base and assignment merged, then the design-point schema. */
function wholePoint(
  plan: Pick<SweepPlan, 'file' | 'base' | 'axes'>,
  index: number,
  assignment: SweepAssignment,
): SweepPoint {
  try {
    // Inside the try: on a worker thread an error would lose its class (and exit 1); here it is the point's.
    const raw = applyAssignment(plan.base, assignment, plan.file);
    return { index, assignment, point: parseDesignPoint(raw, `${plan.file} point ${index}`) };
  } catch (e) {
    if (e instanceof NgpcInputError) return { index, assignment, error: e.message };
    throw e;
  }
}

/** Point `index` of a plan: parsed, or the reason it is invalid (a bad point is reported, not fatal). */
export function sweepPointAt(plan: Pick<SweepPlan, 'file' | 'base' | 'axes'>, index: number): SweepPoint {
  const digits = sweepDigits(plan.axes, index);
  const assignment = assignmentOf(plan.axes, digits);
  const parts = pointParts(plan);
  const point = parts ? pointFromParts(parts, plan.axes, digits) : undefined;
  return point ? { index, assignment, point } : wholePoint(plan, index, assignment);
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
