// Real spherical-harmonics basis, degree 4 (16 values) of a unit direction: the includable core of the SH encoding (docs/sources.md#kernels-4).
// Sloan's real SH basis; coefficients from tcnn scripts/gen_sh.py.
fn shBasis(d: vec3f) -> array<f32, 16> {
  let x = d.x;
  let y = d.y;
  let z = d.z;
  let xx = x * x;
  let yy = y * y;
  let zz = z * z;
  return array<f32, 16>(
    0.28209479177387814,
    -0.48860251190291987 * y,
    0.48860251190291987 * z,
    -0.48860251190291987 * x,
    1.0925484305920792 * x * y,
    -1.0925484305920792 * y * z,
    0.94617469575755997 * zz - 0.31539156525251999,
    -1.0925484305920792 * x * z,
    0.54627421529603959 * xx - 0.54627421529603959 * yy,
    0.59004358992664352 * y * (-3.0 * xx + yy),
    2.8906114426405538 * x * y * z,
    0.45704579946446572 * y * (1.0 - 5.0 * zz),
    0.3731763325901154 * z * (5.0 * zz - 3.0),
    0.45704579946446572 * x * (1.0 - 5.0 * zz),
    1.4453057213202769 * z * (xx - yy),
    0.59004358992664352 * x * (-xx + 3.0 * yy),
  );
}
