// The registry of config kinds: name → schema, used to emit JSON Schemas and to test every config file.
import { z } from 'zod';

export interface ConfigKind {
  /** Short name, also the JSON Schema file name: `configs/schema/<name>.schema.json`. */
  name: string;
  description: string;
  schema: z.ZodType;
  /** Glob-free folder under `configs/` whose *.json files are of this kind, if any. */
  folder?: string;
  /** When several kinds share a folder: the file names of this kind (default: every *.json). */
  files?: RegExp;
}

/** The JSON Schema (draft 2020-12) of a kind's *input* form, for editors. */
export function jsonSchemaOf(kind: ConfigKind): Record<string, unknown> {
  const schema = z.toJSONSchema(kind.schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  const props = schema.properties as Record<string, unknown> | undefined;
  if (props && !('$schema' in props))
    props.$schema = { type: 'string', description: 'path to this JSON Schema' };
  return { ...schema, title: kind.name, description: kind.description };
}

/** The *.json files of `names` (a folder listing) that are of `kind`. */
export function filesOfKind(kind: ConfigKind, names: readonly string[]): string[] {
  return names.filter((f) => f.endsWith('.json') && (!kind.files || kind.files.test(f))).sort();
}
