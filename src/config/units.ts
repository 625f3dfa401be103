// Unit strings and expressions in configs ("1.695 GHz", "936 GB/s", "3840*2160") → SI numbers, in one place.
import type { MathJsInstance, Unit } from 'mathjs';
import { checkedExpression } from './expression.ts';
import { loadMathjs } from './mathjsModule.ts';
import { precomputedQuantity } from './quantityTable.ts';

/** The physical kinds a config number can have, each with the SI (or house) unit it is converted to. */
export const QUANTITY_KINDS = {
  count: { unit: '', example: '"3840*2160"', what: 'a plain number or expression' },
  fraction: { unit: '', example: '0.75', what: 'a fraction' },
  hz: { unit: 'Hz', example: '"1.695 GHz"', what: 'a frequency' },
  bytes: { unit: 'B', example: '"6 MiB"', what: 'a byte size' },
  bytesPerS: { unit: 'B/s', example: '"936 GB/s"', what: 'a bandwidth' },
  seconds: { unit: 's', example: '"5 us"', what: 'a time' },
  watts: { unit: 'W', example: '"350 W"', what: 'a power' },
  joules: { unit: 'J', example: '"1.5 pJ"', what: 'an energy' },
  mm2: { unit: 'mm^2', example: '"628 mm^2"', what: 'an area' },
  flopPerS: { unit: 'flop/s', example: '"35.6 Tflop/s"', what: 'a compute rate' },
  opPerS: { unit: 'op/s', example: '"142 Top/s"', what: 'an operation rate' },
} as const;

export type QuantityKind = keyof typeof QUANTITY_KINDS;

let mathInstance: MathJsInstance | undefined;

/**
 * A private mathjs instance with the units architects use that mathjs lacks (flop, op). Config text reaches it only
 * through `checkedExpression` (arithmetic and units), so no file can add or redefine units or change its config.
 */
function math(): MathJsInstance {
  if (mathInstance) return mathInstance;
  const { all, create } = loadMathjs();
  const m = create(all, { number: 'number' });
  m.createUnit('flop', { prefixes: 'short', aliases: ['flops', 'FLOP', 'FLOPs'] });
  m.createUnit('op', { prefixes: 'short', aliases: ['ops', 'OP', 'OPs'] });
  mathInstance = m;
  return m;
}

/** Why a quantity could not be read: the text goes after "expected …" in a config error. */
export class QuantityError extends Error {}

function describe(kind: QuantityKind): string {
  const k = QUANTITY_KINDS[kind];
  return `${k.what} such as ${k.example}`;
}

/**
 * Converts a config value of the given kind to a finite number in the kind's unit
 * (Hz, B, B/s, s, W, J, mm^2, flop/s, op/s; plain numbers for count/fraction).
 * A bare number is taken as already in that unit; `unit`, when given, names the unit of a bare number.
 */
export function toQuantity(value: unknown, kind: QuantityKind, unit?: string): number {
  if (typeof value === 'number' && (!unit || unit === QUANTITY_KINDS[kind].unit))
    return checkedFinite(value, kind);
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new QuantityError(`expected ${describe(kind)}`);
  // The shipped configs' quantities were evaluated by this same function when the package was built
  // (quantityTable.ts): mathjs, the slowest part of a cold start, then loads only for values not seen there.
  const key = quantityKey(value, kind, unit);
  const known = precomputedQuantity(key);
  if (known !== undefined) return known;
  const result = evaluateQuantity(value, kind, unit);
  recorded?.set(key, result);
  return result;
}

/** The table key of one `toQuantity` call: the value with its type, the kind and the unit of a bare number. */
export function quantityKey(value: string | number, kind: QuantityKind, unit?: string): string {
  return `${kind}|${unit ?? ''}|${typeof value === 'number' ? 'n' : 's'}|${value}`;
}

let recorded: Map<string, number> | undefined;

/** Records every quantity evaluated by mathjs until the returned function is called; it returns them by key. */
export function recordQuantities(): () => Map<string, number> {
  const table = new Map<string, number>();
  recorded = table;
  return () => {
    recorded = undefined;
    return table;
  };
}

function checkedFinite(result: number, kind: QuantityKind): number {
  if (!Number.isFinite(result)) throw new QuantityError(`expected a finite number: ${describe(kind)}`);
  return result;
}

/** `toQuantity` through mathjs. */
function evaluateQuantity(value: string | number, kind: QuantityKind, unit?: string): number {
  const target = QUANTITY_KINDS[kind].unit;
  let result: number;
  if (typeof value === 'number') {
    result = unit && unit !== target ? convert(unitOf(value, unit, kind), kind) : value;
  } else {
    let evaluated: unknown;
    try {
      const text = unit && !/[a-zA-Z]/.test(value) ? `(${value}) ${unit}` : value;
      evaluated = checkedExpression(math(), text).compile().evaluate({});
    } catch (e) {
      throw new QuantityError(`expected ${describe(kind)} (${firstLine(e)})`);
    }
    if (typeof evaluated === 'number') {
      // A unitless expression is taken in the kind's unit, like a bare number.
      result = evaluated;
    } else if (math().isUnit(evaluated)) {
      if (target === '') throw new QuantityError(`expected ${describe(kind)} without a unit`);
      result = convert(evaluated as Unit, kind);
    } else {
      throw new QuantityError(`expected ${describe(kind)}`);
    }
  }
  return checkedFinite(result, kind);
}

/** `value` in the unit named by a config's `unit` key; an unknown unit says what was expected. */
function unitOf(value: number, unit: string, kind: QuantityKind): Unit {
  try {
    return math().unit(value, unit);
  } catch (e) {
    throw new QuantityError(`expected ${describe(kind)} (unit ${JSON.stringify(unit)}: ${firstLine(e)})`);
  }
}

function convert(u: Unit, kind: QuantityKind): number {
  const target = QUANTITY_KINDS[kind].unit;
  try {
    if (!u.equalBase(math().unit(1, target))) throw new Error('wrong dimension');
    return u.toNumber(target);
  } catch {
    throw new QuantityError(`expected ${describe(kind)}, got a value in ${u.formatUnits() || 'no unit'}`);
  }
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0] ?? '';
}
