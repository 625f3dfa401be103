// NeRF compositing: convergence to an f64 quadrature of the volume-rendering integral, and the backward vs finite differences.
import { describe, expect, it } from 'vitest';
import {
  compositeRender,
  compositeTrain,
  compositeTrainBackward,
  sigmoid,
} from '../../../src/apps/nerf/composite.cpu.ts';

// A smooth field along t in [0, 1]: σ(t) = exp(s(t)), colour sigmoid(c_k(t)).
const s = (t: number) => 2.5 * Math.sin(6 * t) - 0.5;
const c = (t: number, k: number) => Math.cos(3 * t + k) * 1.5;

/** C = ∫ T(t)·σ(t)·rgb(t) dt with T = exp(−∫σ), midpoint rule on 2^20 cells in f64. */
function quadrature(): { rgb: number[]; alpha: number } {
  const n = 1 << 20;
  const h = 1 / n;
  let tau = 0;
  const rgb = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const t = (i + 0.5) * h;
    const sigma = Math.exp(s(t));
    const tr = Math.exp(-(tau + 0.5 * sigma * h));
    for (let k = 0; k < 3; k++) rgb[k]! += tr * sigma * sigmoid(c(t, k)) * h;
    tau += sigma * h;
  }
  return { rgb, alpha: 1 - Math.exp(-tau) };
}

function samplesOf(n: number) {
  const dt = new Float64Array(n).fill(1 / n);
  const sigmaRaw = Float64Array.from({ length: n }, (_, i) => s((i + 0.5) / n));
  const rgbRaw = Float64Array.from({ length: 3 * n }, (_, j) => c((Math.floor(j / 3) + 0.5) / n, j % 3));
  return { dt, sigmaRaw, rgbRaw };
}

describe('compositing', () => {
  it('converges to the f64 quadrature of the volume-rendering integral (first order in dt)', () => {
    const q = quadrature();
    const errs = [256, 1024, 4096].map((n) => {
      const r = compositeRender(samplesOf(n), 0); // no early termination
      return Math.max(...[0, 1, 2].map((k) => Math.abs(r.rgb[k]! - q.rgb[k]!)), Math.abs(r.alpha - q.alpha));
    });
    expect(errs[2]!).toBeLessThan(2e-4);
    // Each 4× finer step cuts the error about 4× (the alpha-compositing quadrature is first order).
    expect(errs[0]! / errs[1]!).toBeGreaterThan(3);
    expect(errs[1]! / errs[2]!).toBeGreaterThan(3);
  });

  it('stops early once alpha exceeds 1 − minTransmittance and renormalises', () => {
    const n = 64;
    const r = compositeRender(
      {
        dt: new Float64Array(n).fill(0.05),
        sigmaRaw: new Float64Array(n).fill(3),
        rgbRaw: new Float64Array(3 * n),
      },
      0.01,
    );
    expect(r.terminated).toBe(true);
    expect(r.nUsed).toBeLessThan(n);
    expect(r.alpha).toBe(1);
    expect(r.rgb[0]).toBeCloseTo(0.5, 12);
  });

  it('backward matches central finite differences of the composited colour', () => {
    const n = 24;
    const smp = samplesOf(n);
    smp.dt.fill(0.04);
    const bg = [0.2, 0.7, 0.4];
    const g = [0.3, -1.1, 0.8];
    const loss = (x: typeof smp) => {
      const r = compositeTrain(x, bg);
      return g[0]! * r.rgb[0] + g[1]! * r.rgb[1] + g[2]! * r.rgb[2];
    };
    const { dSigmaRaw, dRgbRaw } = compositeTrainBackward(smp, bg, g);
    const h = 1e-6;
    for (let i = 0; i < n; i++) {
      const p = { ...smp, sigmaRaw: Float64Array.from(smp.sigmaRaw) };
      const m = { ...smp, sigmaRaw: Float64Array.from(smp.sigmaRaw) };
      p.sigmaRaw[i]! += h;
      m.sigmaRaw[i]! -= h;
      expect(dSigmaRaw[i]!).toBeCloseTo((loss(p) - loss(m)) / (2 * h), 7);
    }
    for (let j = 0; j < 3 * n; j++) {
      const p = { ...smp, rgbRaw: Float64Array.from(smp.rgbRaw) };
      const m = { ...smp, rgbRaw: Float64Array.from(smp.rgbRaw) };
      p.rgbRaw[j]! += h;
      m.rgbRaw[j]! -= h;
      expect(dRgbRaw[j]!).toBeCloseTo((loss(p) - loss(m)) / (2 * h), 7);
    }
  });
});
