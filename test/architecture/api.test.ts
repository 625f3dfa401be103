// The library API (src/index.ts) is a curated list, and the CLI is built on it: every library name a command
// imports (from the module that defines it, so start-up loads only that command's modules) is exported there.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

/** Names in `import { a, type B, c as d } from '<from>'` statements whose module path matches `from`. */
function importedNames(text: string, from: RegExp): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/import (?:type )?\{([^}]*)\} from '([^']+)'/g)) {
    if (!from.test(m[2]!)) continue;
    for (const spec of m[1]!.split(',')) {
      const name = spec
        .trim()
        .replace(/^type /, '')
        .split(/\s+as\s+/)[0]!;
      if (name) names.push(name);
    }
  }
  return names;
}

/** Names in `export { … } from` and `export type { … } from` statements. */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/export (?:type )?\{([^}]*)\} from '[^']+'/g)) {
    for (const spec of m[1]!.split(',')) {
      const name = spec
        .trim()
        .replace(/^type /, '')
        .split(/\s+as\s+/)
        .at(-1)!;
      if (name) names.add(name);
    }
  }
  return names;
}

/** CLI-only names: `FlagError` names a flag, which only the CLI knows (docs/architecture.md). */
const CLI_ONLY = new Set(['FlagError']);

describe('the library API', () => {
  const api = readFileSync('src/index.ts', 'utf8');

  it('is a curated list of names, not `export *` of modules', () => {
    expect(api).not.toMatch(/export \*/);
    expect(exportedNames(api).size).toBeGreaterThan(100);
  });

  it('exports every library name the CLI imports', () => {
    const missing: string[] = [];
    for (const file of readdirSync('src/cli').filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(`src/cli/${file}`, 'utf8');
      for (const name of importedNames(text, /^\.\.\//)) {
        if (!CLI_ONLY.has(name) && !exportedNames(api).has(name)) missing.push(`src/cli/${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a name missing from the API is caught (the check can fail)', () => {
    const cli = "import { simulate, notInTheApi } from '../model/frame/simulate.ts';";
    const exported = exportedNames(api);
    expect(importedNames(cli, /^\.\.\//).filter((n) => !exported.has(n))).toEqual(['notInTheApi']);
  });

  it('simulate() gives what `ngpc simulate --json` prints for the same options', async () => {
    const { simulate } = await import('../../src/index.ts');
    const report = simulate({ app: 'nsdf', nfps: 32, resolution: '8k', profile: 'paper-fit' });
    const run = await cli(
      'simulate',
      '--app',
      'nsdf',
      '--nfps',
      '32',
      '--resolution',
      '8k',
      '--profile',
      'paper-fit',
      '--json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(JSON.stringify(report))).toEqual(JSON.parse(run.stdout));
    expect(report.point).toMatchObject({ app: 'nsdf', resolution: '8k', profile: 'paper-fit', nfps: 32 });
  });
});
