// Configs explain themselves: every field of every config kind carries a description (editors' hover help).
import { describe, expect, it } from 'vitest';
import { CONFIG_KINDS } from '../../src/config/kinds.ts';
import { jsonSchemaOf } from '../../src/config/registry.ts';

type Node = Record<string, any>;

/**
 * JSON paths of fields without a description. Every property counts except a plain group (an object of fields,
 * which its fields describe) and `$schema`; a `{ value, source }` parameter is a field and needs its own.
 */
function undescribed(node: Node, path = '$', out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  for (const key of ['anyOf', 'oneOf', 'allOf']) for (const n of node[key] ?? []) undescribed(n, path, out);
  for (const [key, value] of Object.entries<Node>(node.properties ?? {})) {
    const group = value.properties && !('value' in value.properties);
    if (!group && key !== '$schema' && !value.description) out.push(`${path}.${key}`);
    undescribed(value, `${path}.${key}`, out);
  }
  if (node.items) undescribed(node.items, `${path}[]`, out);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    undescribed(node.additionalProperties, `${path}.*`, out);
  }
  return out;
}

describe('config schemas', () => {
  it.each(CONFIG_KINDS.map((k) => [k.name, k] as const))(
    '%s: every field has a description',
    (_name, kind) => {
      expect(undescribed(jsonSchemaOf(kind))).toEqual([]);
    },
  );

  it('parameters say what their value takes, with an example', () => {
    const gpu = jsonSchemaOf(CONFIG_KINDS.find((k) => k.name === 'gpu')!) as Node;
    const dram = gpu.properties.dramBytesPerS;
    expect(dram.description).toBe('DRAM bandwidth');
    expect(dram.properties.value.examples).toEqual(['936 GB/s']);
    expect(dram.properties.source.description).toMatch(/docs\/sources\.md/);
  });
});
