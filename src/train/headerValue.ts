// Numbers read from a model file's JSON header, checked against bounds before any work: a header is user input
// (issue 14: `stepsPerUnit: -1` hung NVR renders, `march.stepSize: 1e-9` NeRF, `maxSamplesPerRay: 1e12` overflowed u32).
import { NgpcInputError, showValue } from '../errors.ts';

export interface NumberBounds {
  min: number;
  max: number;
  /** The minimum itself is excluded (e.g. a step size > 0). */
  exclusiveMin?: boolean;
  integer?: boolean;
}

/** `value` when it is a number within `bounds`, else an NgpcInputError naming the file, the JSON path and the range. */
export function headerNumber(
  file: string | undefined,
  path: string,
  value: unknown,
  bounds: NumberBounds,
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bounds.exclusiveMin ? value > bounds.min : value >= bounds.min) &&
    value <= bounds.max &&
    (!bounds.integer || Number.isInteger(value));
  if (ok) return value as number;
  const kind = bounds.integer ? 'an integer' : 'a number';
  const range = `${bounds.exclusiveMin ? '(' : '['}${bounds.min}, ${bounds.max}]`;
  throw new NgpcInputError(
    `${file ?? 'model file'}: ${path} = ${showValue(value)}: expected ${kind} in ${range}`,
  );
}

/** `value` when it is a JSON object (not null or an array), else an NgpcInputError naming the file and path. */
export function headerObject(
  file: string | undefined,
  path: string,
  value: unknown,
  what: string,
): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return value as Record<string, unknown>;
  const shown = value === undefined ? ': missing' : ` = ${showValue(value)}`;
  throw new NgpcInputError(`${file ?? 'model file'}: ${path}${shown}: expected an object (${what})`);
}
