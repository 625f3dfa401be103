// Exact CPU reference of tcnn's SphericalHarmonics encoding, degrees 1–4 (tcnn common_device.h `sh_enc`, docs/sources.md#kernels-4).
import type { ShEncodingSpec } from './encodingConfig.ts';
import { shBatchSize, shOutputWidth } from './sphericalHarmonics.ts';

/** Sloan's real SH basis, coefficients from tcnn scripts/gen_sh.py; index 6 keeps 3z² − 1 (no x² + y² substitution). */
function shBasis(x: number, y: number, z: number, out: Float64Array): void {
  const xx = x * x;
  const yy = y * y;
  const zz = z * z;
  out[0] = 0.28209479177387814;
  if (out.length <= 1) return;
  out[1] = -0.48860251190291987 * y;
  out[2] = 0.48860251190291987 * z;
  out[3] = -0.48860251190291987 * x;
  if (out.length <= 4) return;
  out[4] = 1.0925484305920792 * x * y;
  out[5] = -1.0925484305920792 * y * z;
  out[6] = 0.94617469575755997 * zz - 0.31539156525251999;
  out[7] = -1.0925484305920792 * x * z;
  out[8] = 0.54627421529603959 * xx - 0.54627421529603959 * yy;
  if (out.length <= 9) return;
  out[9] = 0.59004358992664352 * y * (-3 * xx + yy);
  out[10] = 2.8906114426405538 * x * y * z;
  out[11] = 0.45704579946446572 * y * (1 - 5 * zz);
  out[12] = 0.3731763325901154 * z * (5 * zz - 3);
  out[13] = 0.45704579946446572 * x * (1 - 5 * zz);
  out[14] = 1.4453057213202769 * z * (xx - yy);
  out[15] = 0.59004358992664352 * x * (-xx + 3 * yy);
}

/** Forward: N × degree² from N × 3 directions in [0,1]³. */
export function encodeShCpu(spec: ShEncodingSpec, directions: Float32Array): Float32Array {
  const n = shBatchSize(directions);
  const width = shOutputWidth(spec);
  const out = new Float32Array(n * width);
  const row = new Float64Array(width);
  for (let i = 0; i < n; i++) {
    shBasis(2 * directions[3 * i]! - 1, 2 * directions[3 * i + 1]! - 1, 2 * directions[3 * i + 2]! - 1, row);
    out.set(row, i * width);
  }
  return out;
}
