// Sweep expansion: named axes ("ngpc.nfps": [8,16,32,64]) → the cartesian product of overrides on a base config.
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { doc, version } from './schema.ts';

/** Path segments that would reach an object's prototype instead of its data (issue 14: `"__proto__.description"`). */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** True when a dotted key path has no segment that reaches a prototype. */
export function isDataKeyPath(dotted: string): boolean {
  return !dotted.split('.').some((k) => FORBIDDEN_KEYS.includes(k));
}

/** A sweep file: a base config (inline object or a path relative to the sweep file) and named axes. */
export const sweepFileSchema = z.strictObject({
  version,
  description: doc(z.string().optional(), 'what this sweep is, for readers'),
  base: doc(
    z.union([z.string(), z.record(z.string(), z.unknown())], {
      error: 'expected a base config: an object or a path to a JSON file',
    }),
    'base design point: an object or a path relative to this file',
  ),
  axes: doc(
    z
      .record(
        z
          .string()
          .regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/, {
            error: 'expected a dotted key such as "ngpc.nfps"',
          })
          .refine(isDataKeyPath, {
            error: `expected a dotted key of config names, without ${FORBIDDEN_KEYS.join(', ')}`,
          }),
        z.array(z.unknown()).min(1, { error: 'expected a non-empty list of values' }),
      )
      .refine((axes) => Object.keys(axes).length > 0, { error: 'expected at least one axis' }),
    'dotted key → values; the sweep is their cartesian product (last axis fastest)',
  ),
});
export type SweepFile = z.output<typeof sweepFileSchema>;

/** One point of a sweep: the value chosen on each axis, in axis order. */
export type SweepAssignment = Record<string, unknown>;

/** An object keyed by user text: no prototype, so no key can reach `Object.prototype`. */
function dataObject(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** The cartesian product of the axes, in a stable order: the last axis varies fastest. */
export function expandAxes(axes: Record<string, readonly unknown[]>): SweepAssignment[] {
  let points: SweepAssignment[] = [dataObject()];
  for (const [key, values] of Object.entries(axes)) {
    const next: SweepAssignment[] = [];
    for (const point of points) {
      for (const v of values) next.push(Object.assign(dataObject(), point, { [key]: v }));
    }
    points = next;
  }
  return points;
}

/** A copy of an object or array's own properties (anything else is returned as it is). */
function shallowCopy(value: unknown): unknown {
  if (Array.isArray(value)) return [...value];
  if (value !== null && typeof value === 'object') return { ...value };
  return value;
}

/**
 * `base` with each dotted key set, `base` untouched; intermediate objects are created (the schema then judges).
 * Only the objects on an assigned path are copied, the rest are shared with `base`: a sweep builds one of these per
 * point and only reads it.
 */
export function applyAssignment(base: unknown, assignment: SweepAssignment, file = '<sweep>'): unknown {
  const out = shallowCopy(base) as Record<string, unknown>;
  // The objects this call made (copies, new intermediates): the only ones it writes to.
  const made = new Set<unknown>([out]);
  for (const [dotted, value] of Object.entries(assignment)) {
    const keys = dotted.split('.');
    if (keys.some((k) => FORBIDDEN_KEYS.includes(k))) {
      throw new ConfigError(file, [
        {
          path: `$.axes[${JSON.stringify(dotted)}]`,
          message: `expected a dotted key of config names, without ${FORBIDDEN_KEYS.join(', ')}`,
        },
      ]);
    }
    let cur: Record<string, unknown> = out;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i]!;
      const next = cur[key];
      if (!Object.hasOwn(cur, key)) cur[key] = dataObject();
      else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
        throw new ConfigError(file, [
          {
            path: `$.axes[${JSON.stringify(dotted)}]`,
            message: `"${keys.slice(0, i + 1).join('.')}" is not an object in the base config`,
          },
        ]);
      } else if (!made.has(next)) cur[key] = shallowCopy(next);
      cur = cur[key] as Record<string, unknown>;
      made.add(cur);
    }
    const last = keys.at(-1)!;
    // A property of a copy is plain data; a new one is defined, not assigned: a data property even where the
    // prototype has a setter of that name.
    if (Object.hasOwn(cur, last)) cur[last] = value;
    else Object.defineProperty(cur, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
