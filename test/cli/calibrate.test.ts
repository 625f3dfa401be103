import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('ngpc calibrate', () => {
  it('--json reports efficiencies and residuals within 5 % (without writing)', async () => {
    const r = await cli('calibrate', '--gpu', 'rtx3090', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.written).toBe(false);
    expect(Object.keys(j.efficiencies).sort()).toEqual(['alu', 'dram', 'l2', 'rest', 'tensor']);
    for (const x of j.residuals) expect(Math.abs(x.residualPct), x.id).toBeLessThanOrEqual(5);
  });

  it('only the GPU the targets were measured on can be calibrated', async () => {
    const r = await cli('calibrate', '--gpu', 'rtx4090');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds targets for rtx3090/);
  });
});
