// The bundled (in-memory) configs give the numbers the configs/ folder gives: this file installs the memory store
// before anything is loaded (vitest runs each file in its own module graph), then compares with a CLI process.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryConfigStore } from '../../src/config/memoryStore.ts';
import { configStore, useConfigStore } from '../../src/config/store.ts';
import { explorerConfigs } from '../../src/explorer/bundledConfigs.ts';
import { DEFAULT_STATE, designPointOf } from '../../src/explorer/page/explorerState.ts';
import { simulateDesignPoint } from '../../src/model/frame/simulate.ts';

const bundled = explorerConfigs();
// Files share a module graph per worker (vitest isolate: false): the Node store goes back once this file is done.
const nodeStore = configStore();
useConfigStore(memoryConfigStore(bundled));
afterAll(() => {
  useConfigStore(nodeStore);
});

describe('memory config store', () => {
  it('lists, reads, resolves and stamps like a folder', () => {
    const s = configStore();
    expect(s.list('ngpc').sort()).toEqual(['ngpc-16.json', 'ngpc-32.json', 'ngpc-64.json', 'ngpc-8.json']);
    expect(s.beside(s.path('calibration', 'paper-fit.json'), '../frame/pipeline.json')).toBe(
      'configs/frame/pipeline.json',
    );
    expect(s.exists(s.path('gpus', 'rtx3090.json'))).toBe(true);
    expect(s.stamp(s.path('gpus', 'nope.json'))).toBe('missing');
    expect(() => s.readJson('configs/gpus/nope.json')).toThrow(/not among the bundled configs/);
    // Each read is a copy: editing it cannot change the next reader's config.
    (s.readJson(s.path('frame', 'pipeline.json')) as Record<string, unknown>).version = 99;
    expect((s.readJson(s.path('frame', 'pipeline.json')) as Record<string, unknown>).version).toBe(1);
  });

  it.each(['first-principles', 'paper-fit'] as const)(
    'gives the numbers of the configs/ folder (%s)',
    (profile) => {
      const s = { ...DEFAULT_STATE, app: 'nvr', nfps: 32, resolution: '8k', profile };
      const fromMemory = simulateDesignPoint(designPointOf(s));
      // A separate process reads configs/ from disk (this one reads only the memory store).
      const r = spawnSync(
        process.execPath,
        [
          'scripts/ngpc.mjs',
          'simulate',
          '--app',
          'nvr',
          '--nfps',
          '32',
          '--resolution',
          '8k',
          '--profile',
          profile,
          '--json',
        ],
        { encoding: 'utf8' },
      );
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(fromMemory)));
    },
  );
});
