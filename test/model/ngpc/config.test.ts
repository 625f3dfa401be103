// NGPC configs: every preset loads, the presets share one NFP, and bad files fail naming file and JSON path.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigJson } from '../../../src/config/extends.ts';
import { CONFIG_KINDS } from '../../../src/config/kinds.ts';
import { ConfigError, NgpcInputError } from '../../../src/errors.ts';
import {
  loadNgpcConfig,
  NGPC_CONFIG_DIR,
  ngpcConfigByName,
  ngpcConfigNames,
  withNfps,
} from '../../../src/model/ngpc/index.ts';

const PRESETS = ['ngpc-16', 'ngpc-32', 'ngpc-64', 'ngpc-8'];

/** A preset as data, its `extends` base merged in. */
function rawPreset(name: string): Record<string, any> {
  return readConfigJson(join(NGPC_CONFIG_DIR, `${name}.json`)) as Record<string, any>;
}

/** Writes an edited copy of ngpc-8.json to a temp file and returns its path. */
function brokenCopy(edit: (raw: Record<string, any>) => void): string {
  const raw = rawPreset('ngpc-8');
  edit(raw);
  const file = join(mkdtempSync(join(tmpdir(), 'ngpc-cfg-')), 'broken.json');
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

function loadError(file: string): ConfigError {
  try {
    loadNgpcConfig(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('NGPC presets', () => {
  it('lists the four presets', () => {
    expect(ngpcConfigNames()).toEqual(PRESETS);
  });

  it.each(PRESETS)('%s loads with its NFP count in SI units', (name) => {
    const cfg = ngpcConfigByName(name);
    expect(cfg.nfps.value).toBe(Number(name.split('-')[1]));
    expect(cfg.name).toBe(name);
    expect(cfg.clock.value).toBe(1e9);
    expect(cfg.encoding.gridSram.bytes.value).toBe(2 ** 20);
    expect(cfg.encoding.engines.value).toBe(16);
    expect(cfg.mlp.arrayRows.value * cfg.mlp.arrayCols.value).toBe(4096);
  });

  it('share one NFP definition: each preset extends base/ngpc.json and sets only its name, description and nfps', () => {
    for (const name of PRESETS) {
      const own = JSON.parse(readFileSync(join(NGPC_CONFIG_DIR, `${name}.json`), 'utf8'));
      expect(Object.keys(own).sort()).toEqual(['description', 'extends', 'name', 'nfps', 'version']);
      expect(own.extends).toBe('base/ngpc.json');
    }
  });

  it('never has a name that contradicts its NFP count', () => {
    for (const name of ngpcConfigNames()) {
      const cfg = ngpcConfigByName(name);
      expect(cfg.name).toBe(name);
      const n = /^ngpc-(\d+)$/.exec(name);
      if (n) expect(cfg.nfps.value).toBe(Number(n[1]));
      const said = /(\d+) NFPs/.exec(rawPreset(name).description ?? '');
      if (said) expect(Number(said[1])).toBe(cfg.nfps.value);
    }
  });

  it('resolves extends relative to the file, child keys over the base, and reports a loop', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-ext-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ extends: 'b.json' }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ extends: 'a.json' }));
    expect(() => loadNgpcConfig(join(dir, 'a.json'))).toThrow(/\$\.extends = "a\.json": extends chain loops/);
    const child = join(dir, 'c.json');
    const base = relative(dir, join(NGPC_CONFIG_DIR, 'base', 'ngpc.json'));
    writeFileSync(
      child,
      JSON.stringify({ extends: base, name: 'mine-3', nfps: { value: 3, source: 'test' } }),
    );
    const cfg = loadNgpcConfig(child);
    expect(cfg.nfps.value).toBe(3);
    expect(cfg.clock.value).toBe(1e9);
  });

  it('is registered as a config kind over configs/ngpc', () => {
    expect(CONFIG_KINDS.find((k) => k.name === 'ngpc')?.folder).toBe('ngpc');
  });

  it('rejects an unknown name, listing the allowed ones', () => {
    expect(() => ngpcConfigByName('ngpc-12')).toThrow(NgpcInputError);
    expect(() => ngpcConfigByName('ngpc-12')).toThrow(
      /"ngpc-12": expected one of ngpc-16, ngpc-32, ngpc-64, ngpc-8/,
    );
  });
});

describe('withNfps', () => {
  const cfg = ngpcConfigByName('ngpc-8');
  it('changes the NFP count and the name only', () => {
    const c = withNfps(cfg, 24);
    expect(c.nfps.value).toBe(24);
    expect(c.name).toBe('ngpc-24');
    expect(c.encoding).toBe(cfg.encoding);
    expect(cfg.nfps.value).toBe(8);
  });
  it.each([0, -8, 2.5, Number.NaN])('rejects %s NFPs', (n) => {
    expect(() => withNfps(cfg, n)).toThrow(NgpcInputError);
  });
});

describe('bad NGPC config files', () => {
  it('names an unknown key with its path', () => {
    const file = brokenCopy((raw) => {
      raw.encoding.gridSram.bankz = 3;
    });
    const err = loadError(file);
    expect(err.message).toBe(`${file}: $.encoding.gridSram.bankz: unknown key`);
  });

  it('names a bad unit', () => {
    const file = brokenCopy((raw) => {
      raw.clock.value = '1 GHzz';
    });
    const err = loadError(file);
    expect(err.message).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$\\.clock\\.value = "1 GHzz": expected a frequency`,
      ),
    );
  });

  it('rejects zero NFPs', () => {
    const err = loadError(
      brokenCopy((raw) => {
        raw.nfps.value = 0;
      }),
    );
    expect(err.issues).toEqual([
      { path: '$.nfps.value', value: 0, message: 'expected a plain number or expression >= 1' },
    ]);
  });

  it('rejects a fractional NFP count', () => {
    const err = loadError(
      brokenCopy((raw) => {
        raw.nfps.value = 2.5;
      }),
    );
    expect(err.issues[0]!.path).toBe('$.nfps');
    expect(err.issues[0]!.message).toBe('expected a whole number');
  });

  it('rejects a negative clock', () => {
    const err = loadError(
      brokenCopy((raw) => {
        raw.clock.value = '-1 GHz';
      }),
    );
    expect(err.issues[0]).toMatchObject({ path: '$.clock.value', message: 'expected a frequency >= 1000' });
  });

  it('requires a source on every parameter', () => {
    const err = loadError(
      brokenCopy((raw) => {
        delete raw.mlp.arrayRows.source;
      }),
    );
    expect(err.issues[0]!.path).toBe('$.mlp.arrayRows.source');
  });

  it('rejects an unknown bank mapping', () => {
    const err = loadError(
      brokenCopy((raw) => {
        raw.encoding.gridSram.bankMapping.value = 'random';
      }),
    );
    expect(err.issues[0]).toMatchObject({ path: '$.encoding.gridSram.bankMapping.value' });
    expect(err.issues[0]!.message).toMatch(/low-bits/);
  });
});
