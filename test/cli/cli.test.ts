import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { CONFIG_KINDS } from '../../src/config/kinds.ts';
import { cli } from '../helpers/cli.ts';
import { gpu } from '../helpers/gpu.ts';

const names = COMMANDS.map((c) => String(c.command).split(' ')[0]!);

describe('ngpc CLI', () => {
  it('--help lists every command with a one-line description', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    for (const name of names) expect(stdout).toMatch(new RegExp(`ngpc ${name}\\b.*\\S`));
  });

  it.each(names)('%s --help shows an example', async (name) => {
    const { code, stdout } = await cli(name, '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Examples:');
  });

  it('unknown commands and flags are bad input (exit 2)', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    const r = await cli('doctor', '--jsn');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument: jsn/);
    expect((await cli()).code).toBe(2);
  });

  it('schemas --check finds the committed JSON Schemas current', async () => {
    const r = await cli('schemas', '--check', '--json');
    expect(r.code).toBe(0);
    const statuses = JSON.parse(r.stdout) as { kind: string; status: string }[];
    // One schema per config kind, each committed under configs/schema/.
    expect(statuses.map((s) => s.kind).sort()).toEqual(CONFIG_KINDS.map((k) => k.name).sort());
    for (const s of statuses) expect(s.status).toBe('current');
  });
});

describe.skipIf(!gpu)('ngpc doctor', () => {
  it('--json prints valid JSON naming the adapter', async () => {
    const r = await cli('doctor', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    expect(report.adapter.description).toBe(gpu!.adapterInfo.description);
    expect(report.limits.maxComputeWorkgroupStorageSize).toBeGreaterThanOrEqual(16384);
    expect(report.packages.webgpu).toMatch(/^\d+\.\d+\.\d+$/);
    // Subgroup sizes and matrix shapes as the adapter reports them (lavapipe: 8..8 and no matrices).
    const info = gpu!.adapter.info as GPUAdapterInfo & { subgroupMinSize?: number };
    expect(report.subgroups.minSize).toBe(info.subgroupMinSize ?? null);
    expect(Array.isArray(report.subgroupMatrixConfigs)).toBe(true);
    expect(report.subgroupMatrixConfigs.length).toBe(
      (info as { subgroupMatrixConfigs?: ArrayLike<unknown> }).subgroupMatrixConfigs?.length ?? 0,
    );
    // Subgroup matrix shapes are small powers of two (Dawn's configs: 8, 16, 32); anything else is a parsing bug.
    for (const c of report.subgroupMatrixConfigs)
      for (const n of [c.M, c.N, c.K]) expect([8, 16, 32, 64]).toContain(n);
  });
});

describe('the ngpc executable', () => {
  it('runs as a process, prints help and exits 0', () => {
    const out = execFileSync(process.execPath, ['scripts/ngpc.mjs', '--help'], { encoding: 'utf8' });
    expect(out).toContain('ngpc doctor');
  });

  it('exits 2 on bad input', () => {
    const r = spawnSync(process.execPath, ['scripts/ngpc.mjs', 'doctor', '--bogus'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument: bogus/);
  });
});
