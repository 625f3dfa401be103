import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliOnModel } from '../helpers/cli.ts';
import { gpu } from '../helpers/gpu.ts';

const dir = mkdtempSync(join(tmpdir(), 'ngpc-train-'));

describe('ngpc train / render / profile: bad input', () => {
  it('--help of each command shows an example', async () => {
    for (const cmd of ['train', 'render', 'profile']) {
      const r = await cli(cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples:/);
    }
  });

  it('--app nerf without a dataset exits 2 and names the flags', async () => {
    const r = await cli('train', '--app', 'nerf', '--procedural', 'pattern:8');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs exactly one of --synthetic NAME or --data DIR/);
  });

  it('a missing or corrupt PNG, or a JPEG, exits 2 without writing a model', async () => {
    const out = join(dir, 'bad.ngpc');
    const missing = await cli('train', '--app', 'gia', '--image', join(dir, 'none.png'), '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.png: cannot read \(ENOENT\)/);
    writeFileSync(join(dir, 'corrupt.png'), 'not a png at all');
    const corrupt = await cli('train', '--app', 'gia', '--image', join(dir, 'corrupt.png'), '--out', out);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/corrupt\.png: not a valid PNG/);
    const jpeg = await cli('train', '--app', 'gia', '--image', join(dir, 'x.jpg'), '--out', out);
    expect(jpeg.stderr).toMatch(/JPEG input is not supported/);
    expect(existsSync(out)).toBe(false);
  });

  it('a wrong model file or a zero resolution exits 2 without writing the PNG', async () => {
    writeFileSync(join(dir, 'wrong.ngpc'), 'hello');
    const out = join(dir, 'never.png');
    const run = { app: 'gia', model: join(dir, 'wrong.ngpc'), resolution: '8x8', out };
    const wrong = await cliOnModel('render', run);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/wrong\.ngpc: 5 bytes: too short/);
    const zero = await cliOnModel('render', { ...run, resolution: '0x8' });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--resolution "0x8"/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.ngpc-tmp'))).toEqual([]);
  });
});

describe.skipIf(!gpu)('ngpc train → render → profile (tiny GIA)', () => {
  it('trains, renders with a PSNR, and writes a measured workload', async () => {
    const model = join(dir, 'tiny.ngpc');
    const t = await cli(
      'train',
      '--app',
      'gia',
      '--procedural',
      'pattern:32',
      '--steps',
      '6',
      '--batch',
      '1024',
      '--out',
      model,
      '--date',
      '2025-01-31',
      '--json',
    );
    expect(t.code).toBe(0);
    const summary = JSON.parse(t.stdout);
    expect(summary.imagePsnrDb).toBeGreaterThan(5);
    const png = join(dir, 'tiny.png');
    const r = await cliOnModel('render', { app: 'gia', model, resolution: '32x32', out: png }, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).psnrDb).toBeCloseTo(summary.imagePsnrDb, 3);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    const wl = join(dir, 'gia.json');
    const p = await cliOnModel('profile', { app: 'gia', model, resolution: '64x32', out: wl });
    expect(p.code).toBe(0);
    const w = JSON.parse(readFileSync(wl, 'utf8'));
    expect(w.samplesPerPixel.value).toBe(1);
    expect(w.samplesPerPixel.source).toMatch(/^measured: .*, 2025-01-31$/);
    expect(w.queriesPerFrame).toBe(64 * 32);
    expect(w.sampleQueries.length).toBe(64);
    // Without --out or --write nothing is written (configs/workloads/ is committed): the result is printed.
    const committed = readFileSync('configs/workloads/gia.json', 'utf8');
    const q = await cli('profile', '--app', 'gia', '--model', model, '--resolution', '64x32');
    expect(q.code, q.stderr).toBe(0);
    expect(q.stdout).toContain('not written: add --write');
    expect(readFileSync('configs/workloads/gia.json', 'utf8')).toBe(committed);
  });
});
