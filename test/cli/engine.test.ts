// `ngpc engine mlp`: the --json shape, NeRF's five GEMMs per dataflow, hand-computed folds, and bad flags (exit 2).
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

const NERF_GEMMS = ['4096x32x64', '4096x64x16', '4096x32x64', '4096x64x64', '4096x64x16'].flatMap((g) => [
  '--gemm',
  g,
]);

describe('ngpc engine mlp', () => {
  it('--json starts with gemms (m, k, n, cycles, utilization) and totalCycles', async () => {
    const r = await cli(
      'engine',
      'mlp',
      '--rows',
      '64',
      '--cols',
      '64',
      '--dataflow',
      'ws',
      ...NERF_GEMMS,
      '--json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).slice(0, 2)).toEqual(['gemms', 'totalCycles']);
    expect(j.gemms).toHaveLength(5);
    for (const g of j.gemms)
      expect(Object.keys(g).slice(0, 5)).toEqual(['m', 'k', 'n', 'cycles', 'utilization']);
    // ngpc-8's engine: sub-batches of 1024, 4 per GEMM, one fold each: 4096 + 4 · (66 + 64) = 4616 per GEMM.
    expect(j.gemms.map((g: { cycles: number }) => g.cycles)).toEqual([4616, 4616, 4616, 4616, 4616]);
    expect(j.totalCycles).toBe(23_080);
    expect(j.gemms[3].utilization).toBeCloseTo((4096 * 64 * 64) / (4096 * 4616), 12);
  });

  it('gives os and is more cycles than ws on NeRF', async () => {
    const total = async (dataflow: string) =>
      JSON.parse((await cli('engine', 'mlp', '--dataflow', dataflow, ...NERF_GEMMS, '--json')).stdout)
        .totalCycles;
    expect(await total('os')).toBe(57_984);
    expect(await total('is')).toBe(55_936);
  });

  it('takes rows, columns, overhead, sub-batch and double buffering from flags', async () => {
    // ws on 16×8, overhead 0, no sub-batching: ⌈200/16⌉ · ⌈300/8⌉ = 13 · 38 = 494 folds × (16 + 100 + 8) = 61,256;
    // without double buffering each fold adds 16: 494 · 140 = 69,160.
    const args = [
      'engine',
      'mlp',
      '--rows',
      '16',
      '--cols',
      '8',
      '--pass-overhead',
      '0',
      '--sub-batch',
      '100',
    ];
    const j = JSON.parse((await cli(...args, '--gemm', '100x200x300', '--json')).stdout);
    expect([j.gemms[0].folds, j.totalCycles]).toEqual([494, 61_256]);
    const exposed = JSON.parse(
      (await cli(...args, '--no-double-buffer', '--gemm', '100x200x300', '--json')).stdout,
    );
    expect(exposed.totalCycles).toBe(69_160);
  });

  it('prints per-GEMM cycles and utilisation and the total', async () => {
    const r = await cli('engine', 'mlp', '--gemm', '1024x32x64', '--gemm', '1024x64x16');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ngpc-8');
    expect(r.stdout).toMatch(/1024×32×64 .* 1154 cycles .*44\.4 %/);
    expect(r.stdout).toMatch(/total .* 2308 cycles/);
  });

  it.each([
    [['--gemm', '1024x32'], '--gemm "1024x32": expected MxKxN'],
    [['--gemm', '1024x0x64'], '--gemm "1024x0x64": expected MxKxN'],
    // A leading '-' reads as a flag to yargs; '=' passes it as the value.
    [['--gemm=-4x32x64'], '--gemm "-4x32x64": expected MxKxN'],
    [['--gemm', '8x8x8', '--rows', '-2'], '--rows -2: expected a whole number from 1 to 4096'],
    [['--gemm', `${2 ** 24 + 1}x1x1`], `--gemm "${2 ** 24 + 1}x1x1": expected MxKxN`],
    [['--gemm', '8x8x8', '--dataflow', 'rs'], '--dataflow "rs": expected one of ws, os, is'],
    [['--gemm', '8x8x8', '--rows', '0'], '--rows 0: expected a whole number from 1 to 4096'],
    [['--gemm', '8x8x8', '--cols', '4097'], '--cols 4097: expected a whole number from 1 to 4096'],
    [['--gemm', '8x8x8', '--pass-overhead', '1.5'], '--pass-overhead 1.5: expected a whole number'],
    [['--gemm', '8x8x8', '--sub-batch', '0'], '--sub-batch 0: expected a whole number'],
  ])('exits 2 on %j with one line naming the flag and the value', async (args, message) => {
    const r = await cli('engine', 'mlp', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 on an unknown engine', async () => {
    const r = await cli('engine', 'tpu', '--gemm', '8x8x8');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('engine "tpu": expected one of mlp');
  });
});
