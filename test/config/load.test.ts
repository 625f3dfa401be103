import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, parseConfig } from '../../src/config/load.ts';
import { param, quantity, version } from '../../src/config/schema.ts';
import { applyAssignment, expandAxes, sweepFileSchema } from '../../src/config/sweep.ts';
import { ConfigError, NgpcInputError } from '../../src/errors.ts';

// A small config kind exercising every building block.
const gpuLike = z.strictObject({
  version,
  name: z.string(),
  clock: param('hz', { positive: true }),
  l2: z.strictObject({ bytes: quantity('bytes', { positive: true }) }),
  sms: z.number().int().positive(),
});

const good = {
  version: 1,
  name: 'x',
  clock: { value: '1.695 GHz', source: 'GA102 whitepaper' },
  l2: { bytes: '6 MiB' },
  sms: 82,
};

function tmpFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ngpc-cfg-'));
  const file = join(dir, 'gpu.json');
  writeFileSync(file, content);
  return file;
}

describe('config loading', () => {
  it('converts units to SI and keeps provenance', () => {
    const cfg = parseConfig(good, gpuLike, 'gpu.json');
    expect(cfg.clock).toEqual({ value: 1.695e9, source: 'GA102 whitepaper' });
    expect(cfg.l2.bytes).toBe(6 * 2 ** 20);
  });

  it('accepts and ignores $schema', () => {
    expect(() => parseConfig({ ...good, $schema: '../schema/gpu.schema.json' }, gpuLike, 'f')).not.toThrow();
  });

  const cases: [string, unknown, RegExp][] = [
    ['unknown key', { ...good, colour: 1 }, /^gpu\.json: \$\.colour: unknown key$/],
    ['nested unknown key', { ...good, l2: { bytes: 1, ways: 16 } }, /^gpu\.json: \$\.l2\.ways: unknown key$/],
    [
      'bad unit',
      { ...good, clock: { value: '1.695 GHzz', source: 'datasheet' } },
      /^gpu\.json: \$\.clock\.value = "1\.695 GHzz": expected a frequency/,
    ],
    ['wrong type', { ...good, sms: '82' }, /^gpu\.json: \$\.sms = "82": expected number$/],
    [
      'missing key',
      { version: 1, name: 'x', l2: { bytes: 1 }, sms: 1 },
      /^gpu\.json: \$\.clock: missing; expected object$/,
    ],
    [
      'negative clock',
      { ...good, clock: { value: '-1 GHz', source: 'x y' } },
      /\$\.clock\.value = "-1 GHz": expected a frequency > 0/,
    ],
    ['wrong version', { ...good, version: 2 }, /\$\.version = 2: expected version 1/],
  ];
  it.each(cases)('%s → one line naming file and JSON path', (_name, raw, message) => {
    try {
      parseConfig(raw, gpuLike, 'gpu.json');
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).exitCode).toBe(2);
      const lines = (e as Error).message.split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
  });

  it('collects every issue in a file', () => {
    try {
      parseConfig({ ...good, colour: 1, sms: -1 }, gpuLike, 'gpu.json');
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).issues.map((i) => i.path).sort()).toEqual(['$.colour', '$.sms']);
    }
  });

  it('names the file for unreadable files and invalid JSON', () => {
    expect(() => loadConfig('/nonexistent/gpu.json', gpuLike)).toThrow(
      /\/nonexistent\/gpu\.json: cannot read \(ENOENT\)/,
    );
    const bad = tmpFile('{"version": 1,');
    expect(() => loadConfig(bad, gpuLike)).toThrow(ConfigError);
    expect(() => loadConfig(bad, gpuLike)).toThrow(/gpu\.json: \$: invalid JSON/);
  });

  it('never throws anything but its own error type on arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        try {
          parseConfig(raw, gpuLike, 'f.json');
        } catch (e) {
          if (!(e instanceof NgpcInputError)) throw e;
          for (const line of e.message.split('\n')) expect(line.startsWith('f.json: $')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but its own error type on mutated valid configs (property)', () => {
    const leaf = fc.oneof(fc.jsonValue(), fc.constantFrom('1 GHz', '1 GHzz', '6 MiB', '-3', '1/0', 'x*'));
    fc.assert(
      fc.property(fc.constantFrom('name', 'clock', 'l2', 'sms', 'version', 'extra'), leaf, (key, value) => {
        try {
          parseConfig({ ...good, [key]: value }, gpuLike, 'f.json');
        } catch (e) {
          if (!(e instanceof NgpcInputError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('sweeps', () => {
  it('expands axes as a cartesian product, last axis fastest', () => {
    const points = expandAxes({ 'ngpc.nfps': [8, 16], app: ['nerf', 'gia', 'nvr'] });
    expect(points).toHaveLength(6);
    expect(points[0]).toEqual({ 'ngpc.nfps': 8, app: 'nerf' });
    expect(points[1]).toEqual({ 'ngpc.nfps': 8, app: 'gia' });
    expect(points[5]).toEqual({ 'ngpc.nfps': 16, app: 'nvr' });
  });

  it('applies dotted keys without touching the base', () => {
    const base = { ngpc: { nfps: 4, clock: 1 }, app: 'x' };
    const out = applyAssignment(base, { 'ngpc.nfps': 32, 'gpu.name': 'a100' }) as any;
    expect(out).toEqual({ ngpc: { nfps: 32, clock: 1 }, app: 'x', gpu: { name: 'a100' } });
    expect(base.ngpc.nfps).toBe(4);
    expect(() => applyAssignment(base, { 'app.name': 1 }, 's.json')).toThrow(
      /s\.json: \$\.axes\["app\.name"\]/,
    );
  });

  it('validates sweep files', () => {
    expect(() => parseConfig({ version: 1, base: {}, axes: {} }, sweepFileSchema, 's.json')).toThrow(
      /\$\.axes.*at least one axis/,
    );
    expect(() =>
      parseConfig({ version: 1, base: {}, axes: { 'ngpc.nfps': [] } }, sweepFileSchema, 's.json'),
    ).toThrow(/\$\.axes\["ngpc\.nfps"\] = \[\]: expected a non-empty list/);
  });
});
