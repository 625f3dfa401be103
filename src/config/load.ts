// Loading config files: JSON (comments allowed) or YAML parse, schema validation, one line per issue naming file and JSON path.
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import { readConfigJson } from './extends.ts';
import { configStore } from './store.ts';

/** Renders a zod path as a JSON path: `$.gpus[0].l2`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let cur: any = raw;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key as any];
  }
  return cur;
}

/** Turns zod's issues into ngpc's one-line config issues, with the offending raw value. */
export function zodIssuesToConfigIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: jsonPath([...issue.path, key]), message: 'unknown key' });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A record key the key schema refused: the key is in the path; say what a key must be.
      const inner = issue.issues.map((i) => i.message).join('; ');
      out.push({ path: jsonPath(issue.path), message: `key: ${inner}` });
      continue;
    }
    let message = issue.message;
    // Zod's generic texts ("Invalid input: …") are rewritten; messages a schema chose itself are kept.
    if (/^(Invalid|Too (small|big))/.test(message)) message = plainMessage(issue, raw);
    out.push({ path: jsonPath(issue.path), message, value: valueAt(raw, issue.path) });
  }
  return out;
}

function plainMessage(issue: z.core.$ZodIssue, raw: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(raw, issue.path) === undefined
        ? `missing; expected ${issue.expected}`
        : `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      // "Invalid input" says nothing: list what the union's members take (e.g. "expected number or string").
      const kinds = issue.errors
        .flat()
        .filter((i) => i.code === 'invalid_type' && i.path.length === 0)
        .map((i) => (i as { expected: string }).expected);
      return kinds.length > 0
        ? `expected ${[...new Set(kinds)].join(' or ')}`
        : 'expected another form of value';
    }
    case 'too_small':
    case 'too_big':
      return issue.message.replace(/^Too (small|big): /, 'expected ');
    default:
      return issue.message;
  }
}

/** Validates already-parsed JSON against a schema; throws ConfigError (all issues) naming `file`. */
export function parseConfig<S extends z.ZodType>(raw: unknown, schema: S, file: string): z.output<S> {
  let input = raw;
  // `$schema` lets editors find the JSON Schema; it is not part of the model.
  if (input && typeof input === 'object' && !Array.isArray(input) && '$schema' in input) {
    const { $schema: _ignored, ...rest } = input as Record<string, unknown>;
    input = rest;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(file, zodIssuesToConfigIssues(result.error.issues, input));
}

/**
 * Reads a config file through the config store: under Node, JSON with `//` and `/* *\/` comments (as instant-ngp
 * reads its configs) or YAML when the name ends in .yaml/.yml; in the browser, the bundled (already parsed) JSON.
 * Errors name the file and, for syntax errors, the position.
 */
export function readJsonFile(file: string): unknown {
  return configStore().readJson(file);
}

/** Reads and validates a config file (its `extends` base merged in first). */
export function loadConfig<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return parseConfig(readConfigJson(file), schema, file);
}
