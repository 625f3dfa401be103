import { describe, expect, it } from 'vitest';
import { adamStepCpu, emaStepCpu, newAdamState } from '../../src/train/adam.cpu.ts';
import {
  adamFromJson,
  adamToJson,
  biasCorrection,
  instantNgpAdam,
  learningRateAt,
} from '../../src/train/adam.ts';

describe('Adam CPU reference (tcnn semantics, docs/sources.md#kernels-1-7)', () => {
  const spec = instantNgpAdam(1e-2, 2, 3, null);

  it('skips zero-gradient grid entries (moments and step counter too) but always steps MLP weights', () => {
    const params = Float32Array.from([0.5, -0.25, 0.1, 0.2]);
    const grads = Float32Array.from([0, 0.3, 0, -0.4]);
    const state = newAdamState(4);
    adamStepCpu(spec, state, params, grads, 2, 1e-2);
    // Matrix param 0 has zero gradient but is stepped (l2 term), grid param 2 is untouched.
    expect(Array.from(state.steps)).toEqual([1, 1, 0, 1]);
    expect(state.firstMoments[2]).toBe(0);
    expect(params[2]).toBe(Math.fround(0.1));
    expect(params[0]).not.toBe(Math.fround(0.5));
    expect(params[0]).toBeLessThan(0.5);
    // A first step moves by ≈ lr (bias-corrected m/sqrt(v) = sign(g)).
    expect(params[3]! - 0.2).toBeCloseTo(1e-2, 4);
  });

  it('applies l2_reg to matrix params only', () => {
    const noL2 = { ...spec, l2Reg: 0 };
    const a = Float32Array.from([0.5, 0.5]);
    const b = Float32Array.from([0.5, 0.5]);
    const g = Float32Array.from([1e-3, 1e-3]);
    const sa = newAdamState(2);
    const sb = newAdamState(2);
    adamStepCpu(spec, sa, a, g, 1, 1e-2);
    adamStepCpu(noL2, sb, b, g, 1, 1e-2);
    expect(a[1]).toBe(b[1]); // grid entry: same with or without l2
    // The first step moves by ±lr either way (m/√v = sign g), so compare the moments: l2 adds 1e-6·w to g.
    expect(sa.firstMoments[1]).toBe(sb.firstMoments[1]);
    expect(sa.firstMoments[0]).not.toBe(sb.firstMoments[0]);
  });

  it('decays the learning rate at decay_start and every interval, and debiases per step count', () => {
    expect([0, 1, 2, 3, 4, 5].map((s) => learningRateAt(spec, s) / 1e-2)).toEqual([
      1,
      1,
      0.33,
      0.33,
      0.33,
      0.33 ** 2,
    ]);
    expect(biasCorrection(spec, 1)).toBeCloseTo(Math.sqrt(0.01) / 0.1, 6);
  });

  it('EMA is debiased: constant weights give exactly those weights', () => {
    const w = Float32Array.from([0.25, -2]);
    const ema = new Float32Array(2);
    for (let s = 1; s <= 5; s++) emaStepCpu(ema, w, 0.95, s);
    expect(ema[0]).toBeCloseTo(0.25, 6);
    expect(ema[1]).toBeCloseTo(-2, 5);
  });

  it('tcnn optimizer JSON round-trips (Ema ∘ ExponentialDecay ∘ Adam)', () => {
    const full = instantNgpAdam(1e-4, 10000, 5000, 0.95);
    expect(adamFromJson(adamToJson(full))).toEqual(full);
    expect(() => adamFromJson({ otype: 'Sgd' }, 'model.ngpc')).toThrow(/model.ngpc: \$\.otype = "Sgd"/);
  });
});
