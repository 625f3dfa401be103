// Spherical harmonics: golden values (docs/sources.md#kernels-4), orthonormality on the sphere, and GPU vs CPU.
import { describe, expect, it } from 'vitest';
import type { ShEncodingSpec } from '../../src/encoding/encodingConfig.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import { encodeShCpu } from '../../src/encoding/sphericalHarmonics.cpu.ts';
import { encodeShGpu } from '../../src/encoding/sphericalHarmonics.gpu.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';

const sh = (degree: number): ShEncodingSpec => ({ otype: 'SphericalHarmonics', degree, nDims: 3 });

/** Unit directions in instant-ngp's [0,1]³ convention. */
function directions(n: number, seed: number): Float32Array {
  const rng = seededRng(seed);
  const out = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    const z = rng.uniform(-1, 1);
    const phi = rng.uniform(0, 2 * Math.PI);
    const r = Math.sqrt(1 - z * z);
    out.set([(r * Math.cos(phi) + 1) / 2, (r * Math.sin(phi) + 1) / 2, (z + 1) / 2], 3 * i);
  }
  return out;
}

describe('spherical harmonics CPU reference', () => {
  it('matches the golden vector at d = normalize(1, 2, 3) (docs/sources.md#kernels-4)', () => {
    const len = Math.sqrt(14);
    const d = Float32Array.from([1, 2, 3].map((v) => (v / len + 1) / 2));
    const golden = [
      0.2820948, -0.261169, 0.3917535, -0.1305845, 0.1560783, -0.468235, 0.2928636, -0.2341175, -0.1170588,
      0.022528, 0.3310922, -0.5409528, 0.0641157, -0.2704764, -0.2483191, 0.1239038,
    ];
    const out = encodeShCpu(sh(4), d);
    for (let k = 0; k < 16; k++) expect(out[k]).toBeCloseTo(golden[k]!, 6);
    // Lower degrees are prefixes.
    expect(Array.from(encodeShCpu(sh(2), d))).toEqual(Array.from(out.subarray(0, 4)));
  });

  it('is orthonormal on the unit sphere: (4π/N) Σ Y_a Y_b ≈ δ_ab', () => {
    const n = 20_000;
    const out = encodeShCpu(sh(4), directions(n, 3));
    for (let a = 0; a < 16; a++) {
      for (let b = a; b < 16; b += 5) {
        let s = 0;
        for (let i = 0; i < n; i++) s += out[16 * i + a]! * out[16 * i + b]!;
        expect((4 * Math.PI * s) / n).toBeCloseTo(a === b ? 1 : 0, 1);
      }
    }
  });
});

describe.skipIf(!gpu)('spherical harmonics on WebGPU', () => {
  for (const degree of [1, 2, 3, 4]) {
    it(`degree ${degree}: GPU matches the CPU within 4e-6 absolute (f32 polynomial of values below 4)`, async () => {
      const d = directions(5000, degree);
      d.set([0, 0, 0, 1, 1, 1, 0.5, 0.5, 1], 0); // corners of [0,1]³ and the +z pole
      const want = encodeShCpu(sh(degree), d);
      const got = await encodeShGpu(requireGpu(), sh(degree), d);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
      expect(worst).toBeLessThan(4e-6);
    });
  }
});
