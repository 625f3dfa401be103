// The app registry, walked as tiny-cuda-nn's tests walk builtin_encodings(): every registered app has every entry
// point, names are unique, lookups by name work and an unknown name lists the registered ones.
import { describe, expect, it } from 'vitest';
import { appNames, lookupApp, registerApp } from '../../src/apps/registry.ts';
import type { NgpcApp } from '../../src/apps/shared/app.ts';
import { OptionError } from '../../src/errors.ts';
import { cli } from '../helpers/cli.ts';

describe('app registry', () => {
  const names = appNames();

  it('holds the four apps, each name once', () => {
    expect([...names].sort()).toEqual(['gia', 'nerf', 'nsdf', 'nvr']);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(names)('%s has every entry point and its own workload preset', (name) => {
    const app: NgpcApp = lookupApp(name);
    expect(app.name).toBe(name);
    for (const entry of ['train', 'render', 'profile', 'workload'] as const) {
      expect(typeof app[entry], entry).toBe('function');
    }
    expect(app.workload().name).toBe(name);
  });

  it('refuses a second registration under one name', () => {
    expect(() => registerApp(lookupApp('gia'))).toThrow(/app "gia" registered twice/);
  });

  it('an unknown name is an OptionError naming the option and listing the apps', () => {
    expect(() => lookupApp('nerd')).toThrow(OptionError);
    expect(() => lookupApp('nerd')).toThrow(`app "nerd": expected one of ${names.join(', ')}`);
  });

  it.each(['train', 'render', 'profile'])('ngpc %s --help lists every registered app', async (command) => {
    const r = await cli(command, '--help');
    expect(r.code).toBe(0);
    const appLine = r.stdout.split('\n').find((l) => l.trim().startsWith('--app'));
    for (const name of names) expect(appLine, `${command} --app`).toContain(name);
  });

  it('the CLI words an unknown app as its flag', async () => {
    const r = await cli(
      'render',
      '--app',
      'nerd',
      '--model',
      'm.ngpc',
      '--resolution',
      '8x8',
      '--out',
      'x.png',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ngpc: --app "nerd": expected one of ${names.join(', ')} (planned: )\n`);
  });
});
