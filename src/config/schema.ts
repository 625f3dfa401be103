// Zod building blocks for config files: quantities with units, provenance-carrying parameters, strict objects.
import { z } from 'zod';
import { QUANTITY_KINDS, QuantityError, type QuantityKind, toQuantity } from './units.ts';

/** A number of the given kind: a JSON number (already in the kind's unit) or a unit string / expression. */
export function quantity(kind: QuantityKind, opts: { min?: number; max?: number; positive?: boolean } = {}) {
  const k = QUANTITY_KINDS[kind];
  return z
    .union([z.number(), z.string()], { error: `expected ${k.what} such as ${k.example}` })
    .transform((raw, ctx) => {
      let value: number;
      try {
        value = toQuantity(raw, kind);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof QuantityError ? e.message : String(e) });
        return z.NEVER;
      }
      if (opts.positive && !(value > 0)) {
        ctx.addIssue({ code: 'custom', message: `expected ${k.what} > 0` });
        return z.NEVER;
      }
      if (opts.min !== undefined && value < opts.min) {
        ctx.addIssue({ code: 'custom', message: `expected ${k.what} >= ${opts.min}` });
        return z.NEVER;
      }
      if (opts.max !== undefined && value > opts.max) {
        ctx.addIssue({ code: 'custom', message: `expected ${k.what} <= ${opts.max}` });
        return z.NEVER;
      }
      return value;
    })
    .meta({ description: `${k.what}${k.unit ? ` (converted to ${k.unit})` : ''}, e.g. ${k.example}` });
}

/**
 * A schema with a field description (and examples) for editors' hover help; a description the schema already
 * carries (e.g. the unit of a quantity) is kept after it.
 */
export function doc<S extends z.ZodType>(schema: S, description: string, examples?: readonly unknown[]): S {
  const prev = z.globalRegistry.get(schema) as { description?: string; examples?: unknown[] } | undefined;
  return schema.meta({
    ...prev,
    description: prev?.description ? `${description}. ${prev.description}` : description,
    ...(examples ? { examples: [...examples] } : {}),
  }) as S;
}

/** Where a number comes from: a paper section, a datasheet, `measured: …`, or `assumption: why`. */
export const source = z
  .string()
  .min(3, { error: 'expected a source: a paper section, datasheet, "measured: …" or "assumption: why"' })
  .meta({
    description:
      'where the value comes from: a docs/sources.md anchor (paper section, datasheet, tcnn/instant-ngp file), "measured: …" or "assumption: why"',
    examples: ['paper §2 (docs/sources.md#paper-2)', 'assumption: one word per cycle'],
  });

/** A kind's example as a JSON value: `"6 MiB"` is the string 6 MiB, `0.75` the number. */
function exampleValue(example: string): string | number {
  return example.startsWith('"') ? (JSON.parse(example) as string) : Number(example);
}

/**
 * A model parameter with provenance: `{ "value": "1.695 GHz", "source": "…" }`.
 * `unit` optionally names the unit of a bare numeric value (`{ "value": 936, "unit": "GB/s" }`).
 */
export function param(kind: QuantityKind, opts: { min?: number; max?: number; positive?: boolean } = {}) {
  return z
    .strictObject({
      value: z.union([z.number(), z.string()]).meta({
        description: `the value: a number (in ${QUANTITY_KINDS[kind].unit || "the kind's unit"} unless \`unit\` says otherwise), a unit string or a mathjs expression`,
        examples: [exampleValue(QUANTITY_KINDS[kind].example)],
      }),
      unit: z.string().optional().meta({ description: 'unit of a bare numeric `value`, e.g. "GB/s"' }),
      source,
      note: z.string().optional().meta({ description: 'free text for readers; not used by the model' }),
    })
    .transform((raw, ctx) => {
      let value: number;
      try {
        value = toQuantity(raw.value, kind, raw.unit);
      } catch (e) {
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          input: raw.value,
          message: e instanceof QuantityError ? e.message : String(e),
        });
        return z.NEVER;
      }
      const k = QUANTITY_KINDS[kind];
      const bad =
        (opts.positive && !(value > 0) && `expected ${k.what} > 0`) ||
        (opts.min !== undefined && value < opts.min && `expected ${k.what} >= ${opts.min}`) ||
        (opts.max !== undefined && value > opts.max && `expected ${k.what} <= ${opts.max}`);
      if (bad) {
        ctx.addIssue({ code: 'custom', path: ['value'], input: raw.value, message: bad });
        return z.NEVER;
      }
      return { value, source: raw.source } as Param;
    });
}

/** A parameter after loading: its value in SI (or the kind's unit) and where it came from. */
export interface Param {
  value: number;
  source: string;
}

/** The `version` every config file carries; bump when a kind's shape changes incompatibly. */
export const CONFIG_VERSION = 1;
export const version = z
  .literal(CONFIG_VERSION, { error: `expected version ${CONFIG_VERSION}` })
  .meta({ description: `config format version (${CONFIG_VERSION})` });
