// Sweep planning: expand a sweep file's axes over its base into design points, in stable order.
import { dirname, resolve } from 'node:path';
import { loadConfig, readJsonFile } from '../../../config/load.ts';
import { applyAssignment, expandAxes, sweepFileSchema } from '../../../config/sweep.ts';
import { NgpcInputError } from '../../../errors.ts';
import { type DesignPoint, parseDesignPoint } from '../designPoint.ts';

/** One point of a sweep: its index in the full expansion and either a parsed point or why it is invalid. */
export interface SweepPoint {
  index: number;
  assignment: Record<string, unknown>;
  point?: DesignPoint;
  error?: string;
}

/** Expands a sweep file (base inline or a path relative to the file) into its points, in stable order. */
export function expandSweepFile(file: string): SweepPoint[] {
  const sweep = loadConfig(file, sweepFileSchema);
  const base = typeof sweep.base === 'string' ? readJsonFile(resolve(dirname(file), sweep.base)) : sweep.base;
  return expandAxes(sweep.axes).map((assignment, index) => {
    const raw = applyAssignment(base, assignment, file);
    try {
      return { index, assignment, point: parseDesignPoint(raw, `${file} point ${index}`) };
    } catch (e) {
      if (e instanceof NgpcInputError) return { index, assignment, error: e.message };
      throw e;
    }
  });
}
