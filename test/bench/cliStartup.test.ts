// The start-up benchmark's bookkeeping (no processes are timed here: speed is measured by `ngpc bench cli`).
import { describe, expect, it } from 'vitest';
import { timeStartup } from '../../src/bench/cliStartup.ts';
import { CLI_BENCH_TARGETS, startupCases } from '../../src/cli/benchCli.ts';

describe('cli start-up benchmark', () => {
  it('times every case in interleaved rounds and reports medians, ratios to node and pass/fail', () => {
    const order: string[] = [];
    // Fake wall times: node 0.1 s; help 0.3 s; simulate 0.5, 0.9, 0.7 s (median 0.7); sweep 1.5 s (misses 1 s).
    const times: Record<string, number[]> = {
      '-e': [0.1, 0.1, 0.1],
      '--help': [0.3, 0.3, 0.3],
      simulate: [0.5, 0.9, 0.7],
      sweep: [1.5, 1.5, 1.5],
    };
    const run = (argv: string[]) => {
      const key = argv.find((a) => a in times)!;
      order.push(key);
      return times[key]!.shift()!;
    };
    let dirs = 0;
    const timings = timeStartup(
      startupCases('bin.js', 'paper.json', () => `out-${dirs++}`),
      3,
      run,
    );
    expect(order.slice(0, 4)).toEqual(['-e', '--help', 'simulate', 'sweep']);
    const by = Object.fromEntries(timings.map((t) => [t.name, t]));
    expect(by.simulate!.medianSeconds).toBeCloseTo(0.7, 12);
    expect(by.simulate!.ratioToNode).toBeCloseTo(7, 12);
    expect(by.help).toMatchObject({ targetSeconds: CLI_BENCH_TARGETS.help, pass: true });
    expect(by.simulate!.pass).toBe(true);
    expect(by.paperSweep).toMatchObject({ medianSeconds: 1.5, pass: false });
    expect(by.node).toMatchObject({ targetSeconds: null, ratioToNode: 1, pass: true });
  });

  it('gives each sweep run a fresh output folder', () => {
    const seen: string[] = [];
    let dirs = 0;
    timeStartup(
      startupCases('bin.js', 'paper.json', () => `out-${dirs++}`),
      2,
      (argv) => {
        if (argv.includes('sweep')) seen.push(argv[argv.indexOf('--out') + 1]!);
        return 0.1;
      },
    );
    expect(new Set(seen).size).toBe(2);
  });
});
