// Mutations of valid inputs for the fuzz suite: set, delete or add a key anywhere in a JSON value, with hostile values.
import fc from 'fast-check';

type Json = unknown;

/** Values a careless or hostile user puts in a config: out-of-range numbers, expressions, wrong types. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1, 3.5, 1e-9, 1e12, 1e308, -1e308, 2 ** 31, 2 ** 53, 4096, 65536),
  fc.constantFrom(
    '3',
    '',
    '1e999 GHz',
    '[createUnit("GB", "1 B", {override: true}), 32][2]',
    'config({number: "BigNumber"})',
    'size(zeros(1e5, 1e5))[1] Hz',
    'evaluate("2")',
    '__proto__',
    '/dev/zero',
    '1/0',
    '2^1e6',
    '1 furlong',
    'sqrt(-1)',
    '6 MiB',
    '1.695 GHz',
    '3840*2160',
    '-5 W',
    'none',
    'rtx9999',
    '0x0',
  ),
  fc.constantFrom(
    null,
    true,
    false,
    [],
    {},
    [1, 2, 3],
    { value: 1 },
    { value: '1 GHz', source: 'fuzz: a source' },
  ),
  fc.double({ noNaN: true }),
  fc.integer(),
  fc.string({ maxLength: 12 }),
);

/** Numbers that keep a config schema-valid in type but probe its bounds (huge, tiny, zero, negative). */
export const extremeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 0.5, 1e-9, 1e-3, 16, 64, 4096, 65536, 1e6, 1e9, 1e12, 1e308, -1),
  fc.double({ min: -10, max: 1e7, noNaN: true }),
);

export interface Mutation {
  at: number;
  /** set/delete/add: a key anywhere; number: a `value` (or any number) replaced by an extreme number. */
  op: 'set' | 'delete' | 'add' | 'number';
  key: string;
  value: Json;
  number: number;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('set', 'set', 'delete', 'add', 'number', 'number', 'number'),
  key: fc.constantFrom('__proto__', 'constructor', 'extra', 'value', 'unit', 'source', 'version'),
  value: hostileValue,
  number: extremeNumber,
});

/** Every (object, key) whose value is a number, or a string under `value` (a quantity). */
function numberSlots(v: Json, out: [Record<string, Json>, string][] = []): [Record<string, Json>, string][] {
  if (v !== null && typeof v === 'object') {
    for (const [k, child] of Object.entries(v as Record<string, Json>)) {
      if (typeof child === 'number' || (k === 'value' && typeof child === 'string')) {
        out.push([v as Record<string, Json>, k]);
      } else numberSlots(child, out);
    }
  }
  return out;
}

/** Every container (object or array) in `v` with the path to it, root first. */
function containers(v: Json, out: Json[] = []): Json[] {
  if (v !== null && typeof v === 'object') {
    out.push(v);
    for (const child of Object.values(v as object)) containers(child, out);
  }
  return out;
}

/** A mutated deep copy of `base` (JSON round trip, so `__proto__` keys stay data as JSON.parse makes them). */
export function mutate(base: Json, mutations: readonly Mutation[]): Json {
  const copy = JSON.parse(JSON.stringify(base)) as Json;
  for (const m of mutations) {
    // A fresh copy of the value: generated constants are shared objects and must not end up in two places.
    const value = JSON.parse(JSON.stringify(m.value ?? null)) as Json;
    if (m.op === 'number') {
      const slots = numberSlots(copy);
      if (slots.length > 0) {
        const [obj, key] = slots[m.at % slots.length]!;
        obj[key] = m.number;
        continue;
      }
    }
    const all = containers(copy);
    const target = all[m.at % all.length] as Record<string, Json>;
    const keys = Object.keys(target);
    if (m.op === 'add' || keys.length === 0) {
      Object.defineProperty(target, m.key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const key = keys[m.at % keys.length]!;
    if (m.op === 'delete') delete target[key];
    else target[key] = value;
  }
  // Round trip again so the result is exactly what a JSON file would hold.
  return JSON.parse(JSON.stringify(copy)) as Json;
}

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });
