// Sweep expansion: named axes ("ngpc.nfps": [8,16,32,64]) → the cartesian product of overrides on a base config.
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { version } from './schema.ts';

/** A sweep file: a base config (inline object or a path relative to the sweep file) and named axes. */
export const sweepFileSchema = z.strictObject({
  version,
  description: z.string().optional(),
  base: z.union([z.string(), z.record(z.string(), z.unknown())], {
    error: 'expected a base config: an object or a path to a JSON file',
  }),
  axes: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/, { error: 'expected a dotted key such as "ngpc.nfps"' }),
      z.array(z.unknown()).min(1, { error: 'expected a non-empty list of values' }),
    )
    .refine((axes) => Object.keys(axes).length > 0, { error: 'expected at least one axis' }),
});
export type SweepFile = z.output<typeof sweepFileSchema>;

/** One point of a sweep: the value chosen on each axis, in axis order. */
export type SweepAssignment = Record<string, unknown>;

/** The cartesian product of the axes, in a stable order: the last axis varies fastest. */
export function expandAxes(axes: Record<string, readonly unknown[]>): SweepAssignment[] {
  let points: SweepAssignment[] = [{}];
  for (const [key, values] of Object.entries(axes)) {
    const next: SweepAssignment[] = [];
    for (const point of points) for (const v of values) next.push({ ...point, [key]: v });
    points = next;
  }
  return points;
}

/** A deep copy of `base` with each dotted key set; intermediate objects are created (the schema then judges). */
export function applyAssignment(base: unknown, assignment: SweepAssignment, file = '<sweep>'): unknown {
  const out = structuredClone(base) as Record<string, unknown>;
  for (const [dotted, value] of Object.entries(assignment)) {
    const keys = dotted.split('.');
    let cur: Record<string, unknown> = out;
    for (const [i, key] of keys.slice(0, -1).entries()) {
      const next = cur[key];
      if (next === undefined) cur[key] = {};
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
    cur[keys.at(-1)!] = value;
  }
  return out;
}
