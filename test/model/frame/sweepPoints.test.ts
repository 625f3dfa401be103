// Sweep points parsed by parts (the first point whole, then each axis value alone) equal points parsed whole,
// errors included.
import { describe, expect, it } from 'vitest';
import { applyAssignment } from '../../../src/config/sweep.ts';
import { NgpcInputError } from '../../../src/errors.ts';
import { parseDesignPoint } from '../../../src/model/frame/designPoint.ts';
import {
  type SweepPlan,
  type SweepPoint,
  sweepAssignment,
  sweepPointAt,
  sweepPointCount,
} from '../../../src/model/frame/sweep/plan.ts';

type Plan = Pick<SweepPlan, 'file' | 'base' | 'axes'>;

/** Point `index` the long way: the assignment applied to the base, then the whole design-point schema. */
function parsedWhole(plan: Plan, index: number): SweepPoint {
  const assignment = sweepAssignment(plan.axes, index);
  try {
    const raw = applyAssignment(plan.base, assignment, plan.file);
    return { index, assignment, point: parseDesignPoint(raw, `${plan.file} point ${index}`) };
  } catch (e) {
    if (!(e instanceof NgpcInputError)) throw e;
    return { index, assignment, error: e.message };
  }
}

function expectSameAsWhole(plan: Plan): void {
  for (let i = 0; i < sweepPointCount(plan.axes); i++) {
    const fast = sweepPointAt(plan, i);
    const whole = parsedWhole(plan, i);
    expect(fast).toEqual(whole);
    if (whole.point) expect(Object.keys(fast.point!)).toEqual(Object.keys(whole.point));
  }
}

const base = { gpu: 'rtx3090', app: 'nerf', encoding: 'hashgrid', ngpc: 'ngpc-16' };

describe('sweep points by parts', () => {
  it('equal the whole parse, defaults, conversions and refused values included', () => {
    const plan: Plan = {
      file: 's.json',
      base,
      axes: [
        ['resolution', ['4k', 1080, '1280x720']],
        ['nfps', [8, 16.5, 'many']],
        ['sramPolicy', ['spill', 'assume-fits', 'bogus']],
        ['samplesPerPixel', [{ value: 12, source: 'measured' }, 3, { value: -1 }]],
        ['profile', ['paper-fit', 'first-principles', 'nope']],
      ],
    };
    expectSameAsWhole(plan);
    // Refused values are reported by the whole parse, naming the point and the key.
    expect(sweepPointAt(plan, 2).error).toMatch(/s\.json point 2: .*\$\.profile/);
    expect(new Set(Array.from({ length: 243 }, (_, i) => sweepPointAt(plan, i).point?.sramPolicy)).size).toBe(
      3,
    );
  });

  it('fall back to the whole parse when the first point is refused or an axis is not a top-level key', () => {
    expectSameAsWhole({ file: 's.json', base, axes: [['nfps', ['x', 8, 16]]] });
    expectSameAsWhole({ file: 's.json', base, axes: [['extra', [1, 2]]] });
    expectSameAsWhole({ file: 's.json', base: { ...base, tcnn: { x: 1 } }, axes: [['tcnn.x', [1]]] });
    expectSameAsWhole({ file: 's.json', base: ['not an object'], axes: [['gpu', ['a100']]] });
  });
});
