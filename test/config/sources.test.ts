// Provenance links: every `docs/<file>.md#anchor` cited by a config `source`, code comment or doc must exist.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Files that may cite docs: configs, source, kernels, docs, the README. */
function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, ext));
    else if (ext.test(name)) out.push(path);
  }
  return out;
}

/** Anchors of a Markdown file: explicit `<a id="…">` and GitHub heading slugs. */
function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const ids = [...text.matchAll(/<a id="([^"]+)"/g)].map((m) => m[1]!);
  const slugs = [...text.matchAll(/^#+\s+(.*)$/gm)].map((m) =>
    m[1]!
      .toLowerCase()
      .replace(/[^\w\- ]/g, '')
      .replace(/ /g, '-'),
  );
  return new Set([...ids, ...slugs]);
}

const CITATION = /docs\/([\w-]+\.md)#([\w-]+)/g;

describe('provenance links', () => {
  const files = [
    ...filesUnder('configs', /\.json$/).filter((f) => !f.startsWith(join('configs', 'schema'))),
    ...filesUnder('src', /\.(ts|mjs)$/),
    ...filesUnder('kernels', /\.wgsl$/),
    ...filesUnder('docs', /\.md$/),
    'README.md',
  ];
  const anchors = new Map<string, Set<string>>();

  it('every docs/*.md#anchor cited exists', () => {
    const broken: string[] = [];
    let cited = 0;
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(CITATION)) {
        cited++;
        const doc = join('docs', m[1]!);
        if (!existsSync(doc)) {
          broken.push(`${file}: ${m[0]} (no ${doc})`);
          continue;
        }
        if (!anchors.has(doc)) anchors.set(doc, anchorsOf(doc));
        if (!anchors.get(doc)!.has(m[2]!)) broken.push(`${file}: ${m[0]} (no anchor)`);
      }
    }
    expect(broken).toEqual([]);
    expect(cited).toBeGreaterThan(250);
  });

  it('no config source cites a file outside this repository', () => {
    const outside: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/"source":\s*"([^"]*)"/g)) {
        if (/(^|[\s(])(paper|kernels|gpus|fidelity|tools)\.md|shared\/reference/.test(m[1]!)) {
          outside.push(`${file}: ${m[1]!.slice(0, 80)}`);
        }
      }
    }
    expect(outside).toEqual([]);
  });
});
