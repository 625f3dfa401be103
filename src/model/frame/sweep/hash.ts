// The identity of a sweep by content: a hash of its base and axes as canonical JSON, whatever file names them.
import { createHash } from 'node:crypto';
import type { SweepPlan } from './plan.ts';

/** JSON with object keys sorted at every depth (arrays keep their order: axis values are ordered). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * sha256 of the expanded sweep, computed without expanding it: the points are a function of the base (with
 * `--profile` applied) and the axes in order, so two files giving the same points hash alike (spacing, key order,
 * description, path) and an edited sweep does not.
 */
export function sweepHash(plan: Pick<SweepPlan, 'base' | 'axes'>): string {
  const text = canonicalJson({ base: plan.base, axes: plan.axes });
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
