import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

const point = [
  '--gpu',
  'rtx3090',
  '--nfps',
  '64',
  '--app',
  'nerf',
  '--encoding',
  'hashgrid',
  '--resolution',
  '4k',
];

describe('ngpc solve', () => {
  it('--json has one row per --vary name (repeated or comma-separated), in order', async () => {
    const r = await cli(
      'solve',
      ...point,
      '--speedup',
      '20',
      '--vary',
      'nfps,clock',
      '--vary',
      'nfps',
      '--json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual([
      'assumed',
      'gpu',
      'ngpc',
      'point',
      'resolution',
      'rows',
      'target',
    ]);
    expect(j.target).toEqual({ metric: 'speedup', value: 20 });
    expect(j.ngpc).toBe('ngpc-64');
    expect(j.rows.map((row: { parameter: string }) => row.parameter)).toEqual(['nfps', 'clock']);
    for (const row of j.rows) {
      expect(Object.keys(row).sort()).toEqual(
        [
          'assumed',
          'assumedSource',
          'atAssumed',
          'atSolution',
          'best',
          'bound',
          'description',
          'direction',
          'integer',
          'note',
          'parameter',
          'range',
          'ratio',
          'required',
          'status',
          'target',
          'unit',
        ].sort(),
      );
      expect(row.status).toBe('solved');
      expect(row.atSolution.speedup).toBeGreaterThanOrEqual(20);
      expect(row.ratio).toBeCloseTo(row.required / row.assumed, 12);
    }
  });

  it('prints a table with the required value and says when a target is unreachable', async () => {
    const r = await cli(
      'solve',
      ...point.slice(0, -1),
      '8k',
      '--fps',
      '60',
      '--vary',
      'clock,samplesPerPixel',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('target        60 FPS at 8k');
    expect(r.stdout).toMatch(/clock\s+1 GHz\s+unreachable\s+-\s+best [\d.]+ FPS\s+gpu-rest/);
    expect(r.stdout).toMatch(/samplesPerPixel\s+[\d.]+\s+<= [\d.]+\s+[\d.]+x\s+60 FPS/);
    expect(r.stdout).toContain('fused rest kernels on the GPU cap the frame');
  });

  it('bad input exits 2 with one line naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--fps', '30', '--vary', 'voltage'],
        /--vary "voltage": unknown parameter; expected one of clock, nfps/,
      ],
      [[], /--fps \/ --speedup: no target given/],
      [['--fps', '30', '--speedup', '20'], /--fps 30 --speedup 20: expected exactly one target/],
      [['--fps', '-5'], /--fps -5: expected a positive frame rate/],
      [['--speedup', '0'], /--speedup 0: expected a positive speedup/],
      [['--fps', 'abc'], /--fps NaN: expected a positive frame rate/],
      [['--fps', '30', '--vary', ''], /--vary "": expected at least one of clock, nfps/],
      [['--fps', '30', '--ngpc', 'none'], /--ngpc "none": expected an NGPC preset/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('solve', '--app', 'nerf', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('--help lists the parameters and examples', async () => {
    const r = await cli('solve', '--help');
    expect(r.code).toBe(0);
    for (const text of ['--vary', '--fps', '--speedup', 'restFusionSpeedup', 'ngpc solve --gpu rtx3090'])
      expect(r.stdout).toContain(text);
  });
});
