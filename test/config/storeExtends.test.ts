// Config text and `extends` go through the config store: a memory store (the browser's) resolves a preset's base
// without Node's file system, and the bundled presets carry their base already merged in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfigJson } from '../../src/config/extends.ts';
import { memoryConfigStore } from '../../src/config/memoryStore.ts';
import { type ConfigStore, configStore, useConfigStore } from '../../src/config/store.ts';
import { explorerConfigs } from '../../src/explorer/bundledConfigs.ts';

// The store in use before each test (the Node store), put back after it.
let previous: ConfigStore | undefined;
beforeEach(() => {
  previous = configStore();
});
afterEach(() => {
  if (previous) useConfigStore(previous);
});

describe('extends through the config store', () => {
  it('merges a base held only in a memory store', () => {
    useConfigStore(
      memoryConfigStore({
        'configs/ngpc/base/ngpc.json': { $schema: 'base', name: 'base', nfps: 8, tech: { node: 7 } },
        'configs/ngpc/child.json': { $schema: 'child', extends: 'base/ngpc.json', name: 'child', nfps: 16 },
      }),
    );
    expect(readConfigJson('configs/ngpc/child.json')).toEqual({
      $schema: 'child',
      name: 'child',
      nfps: 16,
      tech: { node: 7 },
    });
  });

  it('refuses a loop in a memory store', () => {
    useConfigStore(
      memoryConfigStore({
        'configs/a.json': { extends: 'b.json' },
        'configs/b.json': { extends: './a.json' },
      }),
    );
    expect(() => readConfigJson('configs/a.json')).toThrow(/loops back to itself/);
  });

  it('bundles presets with their base merged in (no extends left for the page to resolve)', () => {
    const bundled = explorerConfigs();
    const preset = bundled['configs/ngpc/ngpc-16.json'] as Record<string, unknown>;
    expect(preset).not.toHaveProperty('extends');
    expect(preset).toHaveProperty('tech');
  });
});
