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

/** A deep copy of `base` with each dotted key set; intermediate objects are created (the schema then judges). */
export function applyAssignment(base: unknown, assignment: SweepAssignment, file = '<sweep>'): unknown {
  const out = structuredClone(base) as Record<string, unknown>;
  for (const [dotted, value] of Object.entries(assignment)) {
    if (!isDataKeyPath(dotted)) {
      throw new ConfigError(file, [
        {
          path: `$.axes[${JSON.stringify(dotted)}]`,
          message: `expected a dotted key of config names, without ${FORBIDDEN_KEYS.join(', ')}`,
        },
      ]);
    }
    const keys = dotted.split('.');
    let cur: Record<string, unknown> = out;
    for (const [i, key] of keys.slice(0, -1).entries()) {
      const next = cur[key];
      if (!Object.hasOwn(cur, key)) cur[key] = dataObject();
      else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
        throw new ConfigError(file, [
          {
            path: `$.axes[${JSON.stringify(dotted)}]`,
            message: `"${keys.slice(0, i + 1).join('.')}" is not an object in the base config`,
          },
        ]);
      }
      cur = cur[key] as Record<string, unknown>;
    }
    // defineProperty, not assignment: a data property even where the base object has a setter of that name.
    Object.defineProperty(cur, keys.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
